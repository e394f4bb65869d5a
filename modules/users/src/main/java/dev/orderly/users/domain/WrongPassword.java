package dev.orderly.users;

/** The current password given to change the password is not the account's. */
class WrongPassword extends RuntimeException {

	WrongPassword() {
		super("The current password is not correct", null, false, false);
	}
}
