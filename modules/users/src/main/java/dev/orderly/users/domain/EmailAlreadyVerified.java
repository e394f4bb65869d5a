package dev.orderly.users;

/** A verification email was asked for an address that is verified already: there is nothing to verify. */
class EmailAlreadyVerified extends RuntimeException {

	EmailAlreadyVerified() {
		super("The email address is already verified", null, false, false);
	}
}
