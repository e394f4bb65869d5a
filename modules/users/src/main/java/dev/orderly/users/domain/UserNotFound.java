package dev.orderly.users;

import java.util.UUID;

/**
 * There is no live account with this id — or there is one, but the actor may not see it
 * ({@link UserPolicy}): the two are deliberately the same outcome, so that nobody learns which ids
 * exist.
 */
class UserNotFound extends RuntimeException {

	private final UUID userId;

	UserNotFound(UUID userId) {
		super("No account " + userId, null, false, false);
		this.userId = userId;
	}

	UUID userId() {
		return userId;
	}
}
