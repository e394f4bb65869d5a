package dev.orderly.users;

/**
 * An email verification token that verifies nothing: unknown, another account's, expired, already
 * used, or for an account that does not exist (one outcome for all, so a guess teaches nothing).
 */
class InvalidVerificationToken extends RuntimeException {

	InvalidVerificationToken() {
		super("The token is invalid, expired or already used", null, false, false);
	}
}
