package dev.orderly.users.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it: never a password hash, never a token. */
public record UserView(UUID id, String email, String displayName, @Schema(nullable = true) String phone,
		@Schema(nullable = true) String locale, List<String> roles,
		boolean emailVerified, Instant createdAt, Instant updatedAt) {

	public static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.displayName(), user.phone(), user.locale(),
				user.roles().stream().sorted().toList(), user.isEmailVerified(), user.createdAt(), user.updatedAt());
	}
}
