package dev.orderly.auth;

/**
 * A refresh token that cannot be exchanged: unknown, expired, revoked, already used (which revokes
 * its family), or of an account that is gone — one outcome for all.
 */
class InvalidRefreshToken extends RuntimeException {

	InvalidRefreshToken() {
		super("The refresh token is invalid, expired or revoked", null, false, false);
	}
}
