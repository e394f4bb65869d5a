package dev.orderly.webhooks.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.platform.paging.Cursor;
import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.DeliveryStatus;
import dev.orderly.webhooks.domain.EventType;

import static dev.orderly.webhooks.persistence.Endpoints.instant;
import static dev.orderly.webhooks.persistence.Endpoints.ts;

/**
 * The outbox {@code webhooks.deliveries}. Several instances work on it at once: claiming uses
 * {@code FOR UPDATE SKIP LOCKED}, and the outcome of an attempt is recorded only by the attempt that
 * claimed the row (its status and attempt number), so an instance that was taken for dead and comes
 * back cannot overwrite what another one did since.
 * <p>
 * A claim records the claiming instance: the {@code application_name} of the connection, which the
 * platform sets to the instance's id ({@code ApplicationInstance}) and beats for in the shared
 * kernel's {@code orderly_instances}. A row whose claimer stopped beating is released at once,
 * without waiting for its lease.
 */
@Repository
public class Deliveries {

	private static final String COLUMNS = """
			id, endpoint_id, event_type, payload, status, attempts, next_attempt_at, retry_until, last_response_code,
			last_error, last_attempt_at, delivered_at, created_at, updated_at""";

	/** Errors as stored and shown: short. */
	public static final int MAX_ERROR = 500;

	private static final String RECORD = """
			INSERT INTO webhooks.deliveries
			  (id, endpoint_id, event_key, event_type, payload, status, next_attempt_at, retry_until, created_at, updated_at)
			SELECT gen_random_uuid(), e.id, :eventKey, :type, :payload, 'PENDING', :now, :retryUntil, :now, :now
			FROM webhooks.endpoints e
			WHERE %s
			ON CONFLICT (endpoint_id, event_key) DO NOTHING
			""".formatted(Endpoints.SUBSCRIBED);

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One delivery of the event for every enabled endpoint subscribed to its type, due now; an event
	 * already recorded for an endpoint (a redelivered event) is not recorded again. Returns how many
	 * were recorded.
	 */
	public int record(EventType type, String eventKey, String payload, Instant now, Duration retryFor) {
		return jdbc.sql(RECORD)
			.param("eventKey", eventKey)
			.param("type", type.wireName())
			.param("all", EventType.ALL_ORDER_EVENTS)
			.param("payload", payload)
			.param("now", ts(now))
			.param("retryUntil", ts(now.plus(retryFor)))
			.update();
	}

	/**
	 * Rows left {@code SENDING} by an instance that stopped beating for {@code instanceLease} (killed,
	 * or cut off from the database) or past their own lease (a hung attempt) become due at once; they
	 * are resent with the same {@code webhook-id}. Returns how many.
	 */
	public int releaseAbandoned(Duration instanceLease, Instant now) {
		return jdbc.sql("""
				UPDATE webhooks.deliveries d
				SET status = 'PENDING', next_attempt_at = :now, lease_until = NULL, claimed_by = NULL,
				    last_error = 'The sending instance stopped during the attempt: resent with the same webhook-id',
				    updated_at = :now
				WHERE d.status = 'SENDING'
				  AND (d.lease_until < :now
				       OR (d.claimed_by IS NOT NULL
				           AND NOT EXISTS (SELECT 1 FROM orderly_instances i
				                           WHERE i.id = d.claimed_by
				                             AND i.heartbeat_at > clock_timestamp() - make_interval(secs => :leaseSeconds))))
				""")
			.param("now", ts(now))
			.param("leaseSeconds", instanceLease.toMillis() / 1000.0)
			.update();
	}

	/**
	 * Makes the deliveries this instance left {@code SENDING} due again at once: called before a run,
	 * when none of its attempts is in flight (runs never overlap and a run waits for its senders), so
	 * these are attempts whose run failed (the database went away before their outcome was recorded).
	 * Resent with the same {@code webhook-id}, instead of after their lease.
	 */
	public int releaseOwn(Instant now) {
		return jdbc.sql("""
				UPDATE webhooks.deliveries
				SET status = 'PENDING', next_attempt_at = :now, lease_until = NULL, claimed_by = NULL,
				    last_error = 'The outcome of the attempt was not recorded (database unavailable): resent with the same webhook-id',
				    updated_at = :now
				WHERE status = 'SENDING' AND claimed_by = NULLIF(current_setting('application_name'), '')
				""")
			.param("now", ts(now))
			.update();
	}

	/**
	 * Claims the next due delivery of an enabled endpoint for this instance, if any: it becomes
	 * {@code SENDING} with one more attempt and a lease, committed before anything is sent.
	 */
	public Optional<Delivery> claimNextDue(Duration lease, Instant now) {
		return jdbc.sql("""
				UPDATE webhooks.deliveries
				SET status = 'SENDING', attempts = attempts + 1, lease_until = :leaseUntil,
				    claimed_by = NULLIF(current_setting('application_name'), ''), last_attempt_at = :now, updated_at = :now
				WHERE id = (SELECT d.id FROM webhooks.deliveries d JOIN webhooks.endpoints e ON e.id = d.endpoint_id
				            WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND e.enabled
				            ORDER BY d.next_attempt_at
				            LIMIT 1
				            FOR UPDATE OF d SKIP LOCKED)
				RETURNING
				""" + COLUMNS)
			.param("now", ts(now))
			.param("leaseUntil", ts(now.plus(lease)))
			.query(Deliveries::map)
			.optional();
	}

	/** The attempt got a 2xx answer. */
	public boolean markDelivered(Delivery claimed, int status, Instant now) {
		return finish(claimed, "status = 'DELIVERED', delivered_at = :now, last_error = NULL, next_attempt_at = NULL",
				status, null, null, now);
	}

	/** The attempt failed and another one is due at {@code next}. */
	public boolean scheduleRetry(Delivery claimed, Integer status, String error, Instant next, Instant now) {
		return finish(claimed, "status = 'PENDING', last_error = :error, next_attempt_at = :next", status, error, next,
				now);
	}

	/** Given up: the retry window passed, the receiver refused for good, or the target is not allowed. */
	public boolean markDead(Delivery claimed, Integer status, String error, Instant now) {
		return finish(claimed, "status = 'DEAD', last_error = :error, next_attempt_at = NULL", status, error, null, now);
	}

	private boolean finish(Delivery claimed, String set, Integer status, String error, Instant next, Instant now) {
		return jdbc.sql("UPDATE webhooks.deliveries SET " + set + """
				, last_response_code = :code, lease_until = NULL, claimed_by = NULL, updated_at = :now
				WHERE id = :id AND status = 'SENDING' AND attempts = :attempts
				""")
			.param("id", claimed.id())
			.param("attempts", claimed.attempts())
			.param("code", status)
			.param("error", error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR))
			.param("next", ts(next))
			.param("now", ts(now))
			.update() == 1;
	}

	public Optional<Delivery> find(UUID endpointId, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks.deliveries WHERE id = :id AND endpoint_id = :endpointId")
			.param("id", id)
			.param("endpointId", endpointId)
			.query(Deliveries::map)
			.optional();
	}

	/** One page (plus one row) of an endpoint's deliveries, newest first, optionally in one status. */
	public List<Delivery> page(UUID endpointId, DeliveryStatus status, Cursor cursor, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM webhooks.deliveries
				WHERE endpoint_id = :endpointId
				  AND (CAST(:status AS text) IS NULL OR status = :status)
				  AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
				ORDER BY created_at DESC, id DESC
				LIMIT\s""" + (limit + 1)) // the page size in the statement, not a parameter (ADR 0028)
			.param("endpointId", endpointId)
			.param("status", status == null ? null : status.name())
			.param("cursorAt", cursor == null ? null : ts(cursor.createdAt()))
			.param("cursorId", cursor == null ? null : cursor.id())
			.query(Deliveries::map)
			.list();
	}

	/**
	 * An administrator sends a delivery again (any not in flight): due now, with a fresh attempt budget
	 * and retry window; {@code true} if it was not {@code SENDING}.
	 */
	public boolean retry(UUID endpointId, UUID id, Instant now, Duration retryFor) {
		return jdbc.sql("""
				UPDATE webhooks.deliveries
				SET status = 'PENDING', attempts = 0, next_attempt_at = :now, retry_until = :retryUntil, updated_at = :now
				WHERE id = :id AND endpoint_id = :endpointId AND status <> 'SENDING'
				""")
			.param("id", id)
			.param("endpointId", endpointId)
			.param("now", ts(now))
			.param("retryUntil", ts(now.plus(retryFor)))
			.update() == 1;
	}

	/** The backlog of enabled endpoints, for the gauges: how many wait and how old the oldest is. */
	public Backlog backlog() {
		return jdbc.sql("""
				SELECT count(*) AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(d.created_at)), 0) AS oldest_age
				FROM webhooks.deliveries d JOIN webhooks.endpoints e ON e.id = d.endpoint_id
				WHERE d.status IN ('PENDING', 'SENDING') AND e.enabled
				""")
			.query((rs, row) -> new Backlog(rs.getLong("pending"), rs.getDouble("oldest_age")))
			.single();
	}

	/** Deliveries waiting (pending or being sent) and the age of the oldest in seconds (0 when none). */
	public record Backlog(long pending, double oldestPendingAgeSeconds) {
	}

	private static Delivery map(ResultSet rs, int row) throws SQLException {
		int code = rs.getInt("last_response_code");
		Integer lastResponseCode = rs.wasNull() ? null : code;
		return new Delivery(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
				rs.getString("event_type"), rs.getString("payload"), DeliveryStatus.valueOf(rs.getString("status")),
				rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "retry_until"), lastResponseCode,
				rs.getString("last_error"), instant(rs, "last_attempt_at"), instant(rs, "delivered_at"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}
}
