package dev.orderly.auth;

/**
 * A password reset token that resets nothing: unknown, expired, already used, or of an account that
 * is gone — one outcome for all.
 */
class InvalidResetToken extends RuntimeException {

	InvalidResetToken() {
		super("The token is invalid, expired or already used", null, false, false);
	}
}
