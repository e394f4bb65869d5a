package dev.orderly.orders.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.orders.OrdersProperties;
import dev.orderly.orders.domain.IdempotencyKeyInUse;
import dev.orderly.orders.domain.IdempotencyKeyReused;

/**
 * {@code Idempotency-Key}s of order creation, per calling user, in {@code orders.idempotency_keys}.
 * Everything happens in the one transaction that places the order:
 * <ol>
 * <li>{@link #lockOrReplay} takes a transaction-scoped PostgreSQL advisory lock on the key and looks
 * the key up, in one round trip. A key locked by another transaction is {@link IdempotencyKeyInUse}
 * at once; a stored key used for another request body is {@link IdempotencyKeyReused}; a stored key
 * is replayed.</li>
 * <li>{@link #record} stores the response next to the order (and its event publications).</li>
 * </ol>
 * The lock lives exactly as long as the placing transaction: commit, rollback, a failed database
 * or the death of the instance (PostgreSQL aborts the transaction of a closed connection) free the
 * key at once. No claim outlives its work, so nothing has to expire or be released. An idle
 * transaction holding a key is also ended by PostgreSQL after {@code idempotency-lock-idle-timeout}
 * (a client host that vanished without closing its connection).
 */
@Component
public class IdempotencyKeys {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

	/**
	 * {@link #lockOrReplay}'s two statements. The lock's key must not change: instances of two
	 * versions share it during a rolling deployment.
	 */
	private static final String LOCK_THEN_LOOK_UP = """
			SELECT pg_try_advisory_xact_lock(hashtextextended(CAST(? AS text) || '/' || ?, 0)),
			       set_config('idle_in_transaction_session_timeout', ?, true);
			SELECT request_hash, response_status, response_body, order_id
			FROM orders.idempotency_keys
			WHERE user_id = ? AND idempotency_key = ? AND expires_at > ?""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final OrdersProperties properties;

	IdempotencyKeys(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, OrdersProperties properties) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.properties = properties;
	}

	public record StoredResponse(int status, String body, UUID orderId) {
	}

	/**
	 * Locks the key for the current transaction and returns the response stored for it, if any.
	 * <p>
	 * The lock and the lookup are two statements sent in one round trip (pgjdbc sends both with one
	 * Sync), like {@link DeletedCustomers}' lock and check. They must stay two statements: under READ
	 * COMMITTED each statement reads a snapshot taken when it starts, so the lookup's snapshot is taken
	 * after the lock is held, and sees a key committed by the transaction that held the lock before
	 * (PostgreSQL makes a commit visible before it releases the committing transaction's locks). A
	 * lookup in the lock's own statement could miss that key and place the order a second time. When
	 * the lock is not acquired, what the lookup read is ignored.
	 *
	 * @throws IdempotencyKeyInUse while another transaction holds the key
	 * @throws IdempotencyKeyReused when the key was used for another request
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<StoredResponse> lockOrReplay(UUID userId, String key, String requestHash) {
		Lookup lookup = jdbcTemplate.execute(LOCK_THEN_LOOK_UP, (PreparedStatement statement) -> {
			statement.setObject(1, userId);
			statement.setString(2, key);
			statement.setString(3, String.valueOf(properties.idempotencyLockIdleTimeout().toMillis()));
			statement.setObject(4, userId);
			statement.setString(5, key);
			statement.setObject(6, SqlTimes.utc(now()));
			statement.execute();
			boolean locked;
			try (ResultSet lock = statement.getResultSet()) {
				locked = lock.next() && lock.getBoolean(1);
			}
			statement.getMoreResults();
			try (ResultSet rs = statement.getResultSet()) {
				return new Lookup(locked, rs.next() ? Optional.of(new Existing(rs.getString("request_hash"),
						new StoredResponse(rs.getInt("response_status"), rs.getString("response_body"),
								rs.getObject("order_id", UUID.class)))) : Optional.empty());
			}
		});
		if (lookup == null || !lookup.locked()) {
			throw new IdempotencyKeyInUse("A request with this Idempotency-Key is still in progress; retry later");
		}
		Optional<Existing> existing = lookup.existing();
		if (existing.isPresent() && !existing.get().requestHash().equals(requestHash)) {
			throw new IdempotencyKeyReused();
		}
		return existing.map(Existing::response);
	}

	/** What {@link #lockOrReplay} found: whether the key is locked, and the key stored, if any. */
	private record Lookup(boolean locked, Optional<Existing> existing) {
	}

	private record Existing(String requestHash, StoredResponse response) {
	}

	/**
	 * Stores the response of the key locked by {@link #lockOrReplay} in the same transaction, so
	 * that the key, the order and its events commit together or not at all. An expired row of the
	 * same key is replaced.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID userId, String key, String requestHash, int status, String body, UUID orderId) {
		Instant now = now();
		int rows = jdbc.sql("""
				INSERT INTO orders.idempotency_keys (user_id, idempotency_key, request_hash, response_status,
				  response_body, order_id, created_at, updated_at, expires_at)
				VALUES (:userId, :key, :hash, :status, :body, :orderId, :now, :now, :expiresAt)
				ON CONFLICT (user_id, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
				  response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,
				  order_id = EXCLUDED.order_id, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
				  expires_at = EXCLUDED.expires_at
				WHERE idempotency_keys.expires_at <= :now""")
			.param("userId", userId)
			.param("key", key)
			.param("hash", requestHash)
			.param("status", status)
			.param("body", body)
			.param("orderId", orderId)
			.param("now", SqlTimes.utc(now))
			.param("expiresAt", SqlTimes.utc(now.plus(properties.idempotencyKeyTtl())))
			.update();
		if (rows != 1) {
			// only if the key was stored without its lock (not by this code): roll the order back
			throw new IdempotencyKeyInUse("Another request used this Idempotency-Key meanwhile; retry to get its response");
		}
	}

	/** Deletes expired keys in batches; runs on every instance, which is harmless. */
	@Scheduled(initialDelayString = "${orderly.orders.idempotency-cleanup-interval:1h}",
			fixedDelayString = "${orderly.orders.idempotency-cleanup-interval:1h}")
	int deleteExpired() {
		int total = 0;
		int deleted;
		do {
			deleted = jdbc.sql("""
					DELETE FROM orders.idempotency_keys WHERE ctid IN (
					  SELECT ctid FROM orders.idempotency_keys WHERE expires_at <= :now LIMIT 1000)""")
				.param("now", SqlTimes.utc(now()))
				.update();
			total += deleted;
		}
		while (deleted == 1000);
		if (total > 0) {
			log.info("Deleted {} expired idempotency key(s)", total);
		}
		return total;
	}

	private Instant now() {
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}
}
