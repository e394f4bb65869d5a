package dev.orderly.users.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.orderly.users.domain.LastAdministrator;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;

/**
 * The rule that there is always an administrator, and the lock that keeps it under concurrency: a
 * transaction-scoped PostgreSQL advisory lock (held until the transaction ends, on any instance)
 * serialises every change that could remove the last administrator or create the first one. This
 * class owns that lock's SQL.
 */
@Component
public class Administrators {

	/** Key of the advisory lock under which administrators are added or removed (any instance). */
	private static final long LOCK = 0x6f72_6465_726c_7901L;

	private final Users users;

	private final JdbcClient jdbc;

	Administrators(Users users, JdbcClient jdbc) {
		this.users = users;
		this.jdbc = jdbc;
	}

	/**
	 * Takes the lock and checks that removing {@code user}'s administrator role leaves another
	 * administrator; nothing to check for a user who is not one.
	 * @throws LastAdministrator when {@code user} is the last administrator
	 */
	public void ensureAnotherRemainsBesides(User user) {
		if (!user.isAdmin()) {
			return;
		}
		lock();
		if (users.countLiveAdmins() <= 1) {
			throw new LastAdministrator();
		}
	}

	/** Takes the lock, then tells whether any live administrator exists. */
	public boolean anyExists() {
		lock();
		return users.countLiveAdmins() > 0;
	}

	private void lock() {
		jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", LOCK).query((rs, n) -> 1).list();
	}
}
