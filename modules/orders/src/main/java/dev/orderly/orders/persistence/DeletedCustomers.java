package dev.orderly.orders.persistence;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.orders.domain.CustomerDeleted;

/**
 * The users whose accounts were deleted, as orders learns them from {@code UserDeleted}: no order is
 * placed for them any more. Placement and the deletion's cancellation take an advisory lock of the
 * user (shared and exclusive), so that a placement racing with the deletion is either refused here
 * or committed before the cancellation runs, which then cancels it with the others.
 */
@Repository
public class DeletedCustomers {

	private final JdbcClient jdbc;

	DeletedCustomers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * In a placement's transaction.
	 *
	 * @throws CustomerDeleted when the user's account is deleted
	 */
	public void requireNotDeleted(UUID userId) {
		boolean deleted = jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM orders.deleted_customers WHERE user_id = :user)
				FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended('orders.customer:' || :key, 0))) AS locked""")
			.param("user", userId)
			.param("key", userId.toString())
			.query(Boolean.class)
			.single();
		if (deleted) {
			throw new CustomerDeleted(userId);
		}
	}

	/** In the cancellation's transaction, before the open orders are read; idempotent. */
	public void record(UUID userId, Instant deletedAt) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('orders.customer:' || :key, 0))")
			.param("key", userId.toString())
			.query((rs, row) -> 1)
			.list();
		jdbc.sql("""
				INSERT INTO orders.deleted_customers (user_id, deleted_at) VALUES (:user, :deletedAt)
				ON CONFLICT (user_id) DO NOTHING""")
			.param("user", userId)
			.param("deletedAt", SqlTimes.utc(deletedAt))
			.update();
	}
}
