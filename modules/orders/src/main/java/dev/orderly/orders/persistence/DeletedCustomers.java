package dev.orderly.orders.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private static final String LOCK_THEN_CHECK = """
			SELECT pg_advisory_xact_lock_shared(hashtextextended('orders.customer:' || ?, 0));
			SELECT EXISTS (SELECT 1 FROM orders.deleted_customers WHERE user_id = ?)""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	DeletedCustomers(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * In a placement's transaction. The shared lock and the check are two statements sent in one
	 * round trip: under READ COMMITTED each statement reads a snapshot taken when it starts, so a check
	 * in the lock's own statement would not see a deletion that committed while the lock was awaited.
	 *
	 * @throws CustomerDeleted when the user's account is deleted
	 */
	public void requireNotDeleted(UUID userId) {
		Boolean deleted = jdbcTemplate.execute(LOCK_THEN_CHECK, (PreparedStatement statement) -> {
			statement.setString(1, userId.toString());
			statement.setObject(2, userId);
			statement.execute();
			statement.getMoreResults();
			try (ResultSet result = statement.getResultSet()) {
				return result.next() && result.getBoolean(1);
			}
		});
		if (Boolean.TRUE.equals(deleted)) {
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
