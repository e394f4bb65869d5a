package dev.orderly.auth.domain;

/**
 * A password reset token that resets nothing: unknown, expired, already used, or of an account that
 * is gone — one outcome for all.
 */
public class InvalidResetToken extends RuntimeException {

	public InvalidResetToken() {
		super("The token is invalid, expired or already used", null, false, false);
	}
}
