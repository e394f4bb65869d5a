package dev.orderly.platform.security;

import java.util.Set;
import java.util.UUID;

import dev.orderly.platform.Actor;

/**
 * The authenticated caller as controllers see it: declare a {@code CurrentUser} parameter on a
 * handler method. Ownership checks (a user sees only their own resources) go through
 * {@link #mayAccess(UUID)}.
 */
public record CurrentUser(UUID id, Set<String> roles) {

	public static final String ADMIN = Actor.ADMIN;

	public static final String USER = Actor.USER;

	public CurrentUser {
		roles = Set.copyOf(roles);
	}

	/** The caller as use cases see it: an id and roles, no web types. */
	public Actor actor() {
		return new Actor(id, roles);
	}

	public boolean isAdmin() {
		return roles.contains(ADMIN);
	}

	/** Whether the caller may see a resource owned by {@code ownerId}: its owner or an admin. */
	public boolean mayAccess(UUID ownerId) {
		return isAdmin() || id.equals(ownerId);
	}
}
