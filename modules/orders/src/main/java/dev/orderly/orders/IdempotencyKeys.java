package dev.orderly.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.orderly.platform.web.ApiException;

/**
 * {@code Idempotency-Key}s of order creation, per calling user, in {@code orders.idempotency_keys}.
 * <ol>
 * <li>{@link #claim} (auto-commit, outside the placing transaction, so that a concurrent duplicate
 * sees it): one atomic {@code INSERT … ON CONFLICT DO UPDATE … WHERE expired-or-abandoned}. A
 * key held by another request is {@code 409 IDEMPOTENCY_KEY_IN_USE}; a key used for another
 * request body is {@code 422 IDEMPOTENCY_KEY_REUSED}; a completed key is replayed.</li>
 * <li>{@link #complete} inside the transaction that places the order, guarded by the claim id:
 * the order and its recorded response commit together or not at all.</li>
 * <li>{@link #release} when placing failed: nothing was created, the key may be used again.</li>
 * </ol>
 */
@Component
class IdempotencyKeys {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

	/** 1..255 printable ASCII characters, not only spaces. */
	private static final Pattern FORMAT = Pattern.compile("[\\x20-\\x7E]{1,255}");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final OrdersProperties properties;

	IdempotencyKeys(JdbcClient jdbc, Clock clock, OrdersProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** What a claim found: the key is ours now ({@code replay} empty), or a response to replay. */
	record Claim(UUID claimId, Optional<StoredResponse> replay) {
	}

	record StoredResponse(int status, String body, UUID orderId) {
	}

	static void requireValidFormat(String key) {
		if (key == null || !FORMAT.matcher(key).matches() || key.isBlank()) {
			throw ApiException.invalid("Idempotency-Key", "format",
					"Idempotency-Key must be 1 to 255 printable ASCII characters");
		}
	}

	Claim claim(UUID userId, String key, String requestHash) {
		Instant now = now();
		UUID claimId = UUID.randomUUID();
		boolean claimed = jdbc.sql("""
				INSERT INTO orders.idempotency_keys (user_id, idempotency_key, request_hash, claim_id, status,
				  created_at, updated_at, expires_at)
				VALUES (:userId, :key, :hash, :claimId, 'IN_PROGRESS', :now, :now, :expiresAt)
				ON CONFLICT (user_id, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
				  claim_id = EXCLUDED.claim_id, status = 'IN_PROGRESS', response_status = NULL, response_body = NULL,
				  order_id = NULL, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
				  expires_at = EXCLUDED.expires_at
				WHERE idempotency_keys.expires_at <= :now
				   OR (idempotency_keys.status = 'IN_PROGRESS' AND idempotency_keys.updated_at <= :abandonedBefore
				       AND idempotency_keys.request_hash = EXCLUDED.request_hash)
				RETURNING claim_id""")
			.param("userId", userId)
			.param("key", key)
			.param("hash", requestHash)
			.param("claimId", claimId)
			.param("now", SqlTimes.utc(now))
			.param("expiresAt", SqlTimes.utc(now.plus(properties.idempotencyKeyTtl())))
			.param("abandonedBefore", SqlTimes.utc(now.minus(properties.idempotencyInProgressTimeout())))
			.query(UUID.class)
			.optional()
			.isPresent();
		if (claimed) {
			return new Claim(claimId, Optional.empty());
		}
		Existing existing = jdbc.sql("""
				SELECT request_hash, status, response_status, response_body, order_id
				FROM orders.idempotency_keys WHERE user_id = :userId AND idempotency_key = :key""")
			.param("userId", userId)
			.param("key", key)
			.query((rs, row) -> new Existing(rs.getString("request_hash"), rs.getString("status"),
					rs.getInt("response_status"), rs.getString("response_body"), rs.getObject("order_id", UUID.class)))
			.optional()
			// Deleted by the clean-up between the two statements: it had expired, so claim afresh.
			.orElse(null);
		if (existing == null) {
			return claim(userId, key, requestHash);
		}
		if (!existing.requestHash().equals(requestHash)) {
			throw ApiException.unprocessable("IDEMPOTENCY_KEY_REUSED",
					"This Idempotency-Key was already used for a different request");
		}
		if (!"COMPLETED".equals(existing.status())) {
			throw ApiException.conflict("IDEMPOTENCY_KEY_IN_USE",
					"A request with this Idempotency-Key is still in progress; retry later");
		}
		return new Claim(null, Optional.of(new StoredResponse(existing.responseStatus(), existing.responseBody(),
				existing.orderId())));
	}

	private record Existing(String requestHash, String status, int responseStatus, String responseBody, UUID orderId) {
	}

	/**
	 * Records the response; call inside the transaction that created {@code orderId}. Fails (and so
	 * rolls the order back) when the claim was lost meanwhile, so a key never yields two orders.
	 */
	void complete(UUID userId, String key, UUID claimId, int status, String body, UUID orderId) {
		int rows = jdbc.sql("""
				UPDATE orders.idempotency_keys SET status = 'COMPLETED', response_status = :status,
				  response_body = :body, order_id = :orderId, updated_at = :now
				WHERE user_id = :userId AND idempotency_key = :key AND claim_id = :claimId AND status = 'IN_PROGRESS'""")
			.param("status", status)
			.param("body", body)
			.param("orderId", orderId)
			.param("now", SqlTimes.utc(now()))
			.param("userId", userId)
			.param("key", key)
			.param("claimId", claimId)
			.update();
		if (rows != 1) {
			throw ApiException.conflict("IDEMPOTENCY_KEY_IN_USE",
					"Another request took over this Idempotency-Key; retry later");
		}
	}

	/** Gives an unfinished claim up (placing failed and created nothing). */
	void release(UUID userId, String key, UUID claimId) {
		jdbc.sql("""
				DELETE FROM orders.idempotency_keys
				WHERE user_id = :userId AND idempotency_key = :key AND claim_id = :claimId AND status = 'IN_PROGRESS'""")
			.param("userId", userId)
			.param("key", key)
			.param("claimId", claimId)
			.update();
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
