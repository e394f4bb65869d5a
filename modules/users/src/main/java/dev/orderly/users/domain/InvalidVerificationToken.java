package dev.orderly.users.domain;

/**
 * An email verification token that verifies nothing: unknown, another account's, expired, already
 * used, or for an account that does not exist (one outcome for all, so a guess teaches nothing).
 */
public class InvalidVerificationToken extends RuntimeException {

	public InvalidVerificationToken() {
		super("The token is invalid, expired or already used", null, false, false);
	}
}
