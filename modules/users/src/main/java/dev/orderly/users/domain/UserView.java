package dev.orderly.users.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it: never a password hash, never a token. */
public record UserView(UUID id, @Schema(maxLength = Emails.MAX_LENGTH) String email,
		@Schema(maxLength = 100) String displayName,
		@Schema(nullable = true, maxLength = UserView.PHONE_MAX_LENGTH) String phone,
		@Schema(nullable = true, maxLength = UserView.LOCALE_MAX_LENGTH) String locale, List<String> roles,
		boolean emailVerified, Instant createdAt, Instant updatedAt) {

	/** The longest phone number the API accepts: '+' and 15 digits (E.164). */
	public static final int PHONE_MAX_LENGTH = 16;

	/** The longest locale the API accepts: {@code xxx-XX}. */
	public static final int LOCALE_MAX_LENGTH = 6;

	public static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.displayName(), user.phone(), user.locale(),
				user.roles().stream().sorted().toList(), user.isEmailVerified(), user.createdAt(), user.updatedAt());
	}
}
