package dev.orderly.users.domain;

/** The current password given to change the password is not the account's. */
public class WrongPassword extends RuntimeException {

	public WrongPassword() {
		super("The current password is not correct", null, false, false);
	}
}
