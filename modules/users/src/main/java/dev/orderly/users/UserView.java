package dev.orderly.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it: never a password hash, never a token. */
record UserView(UUID id, @Schema(maxLength = Emails.MAX_LENGTH) String email,
		@Schema(maxLength = 100) String displayName,
		@Schema(nullable = true, maxLength = UserController.PHONE_MAX_LENGTH) String phone,
		@Schema(nullable = true, maxLength = UserController.LOCALE_MAX_LENGTH) String locale, List<String> roles,
		boolean emailVerified, Instant createdAt, Instant updatedAt) {

	static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.displayName(), user.phone(), user.locale(),
				user.roles().stream().sorted().toList(), user.isEmailVerified(), user.createdAt(), user.updatedAt());
	}
}
