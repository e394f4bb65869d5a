package dev.orderly.platform;

import java.util.Set;
import java.util.UUID;

/**
 * Who asks a use case to act: a user with their roles, or the system itself (a listener, a job).
 * Use cases take an {@code Actor} instead of a web caller, so that anything can call them; each
 * module's policy class decides what an actor may do.
 *
 * @param id the user's id; {@code null} for the system
 * @param roles the user's current roles ({@link #USER}, {@link #ADMIN})
 */
public record Actor(UUID id, Set<String> roles) {

	public static final String ADMIN = "ADMIN";

	public static final String USER = "USER";

	private static final Actor SYSTEM = new Actor(null, Set.of());

	public Actor {
		roles = Set.copyOf(roles);
	}

	/** The application itself: an event listener or a scheduled job acting on nobody's behalf. */
	public static Actor system() {
		return SYSTEM;
	}

	public boolean isSystem() {
		return id == null;
	}

	public boolean isAdmin() {
		return roles.contains(ADMIN);
	}

	/** Whether this is the user {@code userId}. */
	public boolean is(UUID userId) {
		return id != null && id.equals(userId);
	}
}
