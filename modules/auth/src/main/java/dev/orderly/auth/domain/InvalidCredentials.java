package dev.orderly.auth.domain;

/**
 * A login failed: unknown email, wrong password, deleted or disabled account — one outcome for all,
 * so that nobody learns which addresses have accounts.
 */
public class InvalidCredentials extends RuntimeException {

	public InvalidCredentials() {
		super("The email or password is incorrect", null, false, false);
	}
}
