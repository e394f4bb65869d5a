package dev.orderly.users.domain;

/** A verification email was asked for an address that is verified already: there is nothing to verify. */
public class EmailAlreadyVerified extends RuntimeException {

	public EmailAlreadyVerified() {
		super("The email address is already verified", null, false, false);
	}
}
