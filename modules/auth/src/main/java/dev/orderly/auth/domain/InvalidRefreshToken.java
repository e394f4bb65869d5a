package dev.orderly.auth.domain;

/**
 * A refresh token that cannot be exchanged: unknown, expired, revoked, already used (which revokes
 * its family), or of an account that is gone — one outcome for all.
 */
public class InvalidRefreshToken extends RuntimeException {

	public InvalidRefreshToken() {
		super("The refresh token is invalid, expired or revoked", null, false, false);
	}
}
