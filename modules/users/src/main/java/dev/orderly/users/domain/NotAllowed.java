package dev.orderly.users.domain;

/**
 * The actor may not do this at all, whatever the account ({@code UserPolicy}): listing accounts or
 * changing roles without being an administrator.
 */
public class NotAllowed extends RuntimeException {

	public NotAllowed(String action) {
		super("Not allowed to " + action, null, false, false);
	}
}
