package dev.orderly.auth;

/**
 * A login failed: unknown email, wrong password, deleted or disabled account — one outcome for all,
 * so that nobody learns which addresses have accounts.
 */
class InvalidCredentials extends RuntimeException {

	InvalidCredentials() {
		super("The email or password is incorrect", null, false, false);
	}
}
