package dev.orderly.users;

/**
 * The actor may not do this at all, whatever the account ({@link UserPolicy}): listing accounts or
 * changing roles without being an administrator.
 */
class NotAllowed extends RuntimeException {

	NotAllowed(String action) {
		super("Not allowed to " + action, null, false, false);
	}
}
