package dev.orderly.users.domain;

/**
 * Demoting or deleting this account would leave no administrator: there must always be one, or
 * nobody could manage roles again.
 */
public class LastAdministrator extends RuntimeException {

	public LastAdministrator() {
		super("The last administrator cannot be removed", null, false, false);
	}
}
