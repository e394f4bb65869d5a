package dev.orderly.users.domain;

import java.util.UUID;

/**
 * There is no live account with this id — or there is one, but the actor may not see it
 * ({@code UserPolicy}): the two are deliberately the same outcome, so that nobody learns which ids
 * exist.
 */
public class UserNotFound extends RuntimeException {

	private final UUID userId;

	public UserNotFound(UUID userId) {
		super("No account " + userId, null, false, false);
		this.userId = userId;
	}

	public UUID userId() {
		return userId;
	}
}
