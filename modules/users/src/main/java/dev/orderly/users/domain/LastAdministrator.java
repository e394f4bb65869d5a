package dev.orderly.users;

/**
 * Demoting or deleting this account would leave no administrator: there must always be one, or
 * nobody could manage roles again.
 */
class LastAdministrator extends RuntimeException {

	LastAdministrator() {
		super("The last administrator cannot be removed", null, false, false);
	}
}
