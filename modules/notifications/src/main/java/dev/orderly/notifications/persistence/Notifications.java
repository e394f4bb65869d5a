package dev.orderly.notifications.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.notifications.domain.NewNotification;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.NotificationStatus;
import dev.orderly.notifications.domain.Recipient;
import dev.orderly.platform.Ids;
import dev.orderly.platform.RequestOrigin;
import dev.orderly.platform.events.ApplicationInstances;
import dev.orderly.platform.paging.Cursor;

/**
 * The notifications table. Email rows form an outbox whose state changes are conditional updates
 * (each names the state it expects), so that several application instances can work on it at once:
 * claiming uses {@code FOR UPDATE SKIP LOCKED}, and a row changes state only from the state its
 * caller saw.
 */
@Repository
public class Notifications {

	private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			id, user_id, channel, kind, status, email, params, secret, title, body, attempts, next_attempt_at,
			lease_until, last_error, event_at, sent_at, read_at, created_at, updated_at, traceparent, request_id""";

	private final JdbcClient jdbc;

	/** For JDBC batches, which {@link JdbcClient} does not send. */
	private final NamedParameterJdbcOperations batch;

	private final JsonMapper json;

	private final Clock clock;

	private final RowMapper<Notification> rows = this::map;

	private final ApplicationInstances instances;

	/** Trace contexts of the emails this instance claimed, until their outcome is recorded. */
	private final Map<UUID, String> claimedTraceparents = new ConcurrentHashMap<>();

	Notifications(JdbcClient jdbc, NamedParameterJdbcOperations batch, JsonMapper json, Clock clock,
			ApplicationInstances instances) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
		this.clock = clock;
		this.instances = instances;
	}

	/**
	 * Records the notifications of one notice (its email and in-app rows) in one statement, one round
	 * trip (ADR 0041, ADR 0043), each unless one with the same dedup key exists. The rules that need
	 * the recipients projection are written into the statement instead of a lookup before it: nothing
	 * is recorded for a deleted recipient, and an email whose notice carries no address and whose
	 * recipient has none (or is not known yet) waits for it ({@code AWAITING_RECIPIENT}) instead of
	 * being due ({@code PENDING}). With {@code claim}, an email that is due is recorded already claimed
	 * by this instance, as {@link #claimNext} would leave it ({@code SENDING}, one attempt, leased until
	 * now + {@code lease}); the same statement returns it with its recipient and trace context, as the
	 * claim does.
	 *
	 * @param claimAs with an id, a due email is recorded claimed, with that id (its sender knows it in
	 * advance); {@code null}: an email is recorded due ({@code PENDING}) for the dispatcher
	 * @return the email, when it was recorded claimed; empty otherwise (no email, not due, a duplicate,
	 * a deleted recipient, or no claim asked for)
	 */
	public Optional<Claimed> recordAll(List<NewNotification> all, UUID claimAs, Duration lease) {
		Instant now = clock.instant();
		RequestOrigin origin = RequestOrigin.current();
		MapSqlParameterSource params = new MapSqlParameterSource()
			.addValue("now", ts(now))
			.addValue("claim", claimAs != null)
			.addValue("leaseUntil", ts(now.plus(lease)))
			.addValue("instance", instances.current())
			.addValue("traceparent", origin.traceparent())
			.addValue("requestId", origin.requestId());
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < all.size(); i++) {
			NewNotification n = all.get(i);
			values.append(i == 0 ? "" : ",\n").append("""
					(CAST(:id%1$d AS uuid), CAST(:userId%1$d AS uuid), CAST(:channel%1$d AS text), CAST(:kind%1$d AS text),
					 CAST(:status%1$d AS text), CAST(:dedupKey%1$d AS text), CAST(:email%1$d AS text),
					 CAST(:params%1$d AS jsonb), CAST(:secret%1$d AS text), CAST(:title%1$d AS text),
					 CAST(:body%1$d AS text), CAST(:eventAt%1$d AS timestamptz))""".formatted(i));
			boolean claimed = claimAs != null && n.channel() == Notification.Channel.EMAIL;
			params.addValue("id" + i, claimed ? claimAs : Ids.next())
				.addValue("userId" + i, n.userId())
				.addValue("channel" + i, n.channel().name())
				.addValue("kind" + i, n.kind().name())
				.addValue("status" + i, n.status().name())
				.addValue("dedupKey" + i, n.dedupKey())
				.addValue("email" + i, n.email())
				.addValue("params" + i, json.writeValueAsString(n.params()))
				.addValue("secret" + i, n.secret())
				.addValue("title" + i, n.title())
				.addValue("body" + i, n.body())
				.addValue("eventAt" + i, ts(n.eventAt()));
		}
		return batch.query(RECORD.formatted(values), params, this::claimed).stream()
			.filter(c -> c.notification().status() == NotificationStatus.SENDING)
			.findFirst();
	}

	/**
	 * The rows of a notice with the recipient's rules applied: a row for a deleted recipient is not
	 * inserted; an email without an address (neither the notice's nor the projection's) waits for it;
	 * a due email is {@code SENDING} when {@code :claim} (a sender of this instance is reserved for it).
	 * Returns the inserted rows with the recipient, as the claim does.
	 */
	private static final String RECORD = """
			WITH inserted AS (
			  INSERT INTO notifications.notifications
			    (id, user_id, channel, kind, status, dedup_key, email, params, secret, title, body, attempts,
			     next_attempt_at, lease_until, claimed_by, event_at, created_at, updated_at, traceparent, request_id)
			  SELECT id, user_id, channel, kind, status, dedup_key, email, params, secret, title, body,
			         CASE WHEN status = 'SENDING' THEN 1 ELSE 0 END,
			         CASE WHEN status IN ('PENDING', 'SENDING') THEN CAST(:now AS timestamptz) END,
			         CASE WHEN status = 'SENDING' THEN CAST(:leaseUntil AS timestamptz) END,
			         CASE WHEN status = 'SENDING' THEN CAST(:instance AS text) END,
			         event_at, CAST(:now AS timestamptz), CAST(:now AS timestamptz), CAST(:traceparent AS text),
			         CAST(:requestId AS text)
			  FROM (SELECT v.id, v.user_id, v.channel, v.kind, v.dedup_key, v.email, v.params, v.secret, v.title, v.body,
			               v.event_at,
			               CASE WHEN v.channel <> 'EMAIL' THEN v.status
			                    WHEN COALESCE(v.email, r.email) IS NULL THEN 'AWAITING_RECIPIENT'
			                    WHEN CAST(:claim AS boolean) THEN 'SENDING'
			                    ELSE 'PENDING' END AS status
			        FROM (VALUES
			%s
			             ) AS v (id, user_id, channel, kind, status, dedup_key, email, params, secret, title, body, event_at)
			        LEFT JOIN notifications.recipients r ON r.user_id = v.user_id
			        WHERE r.deleted IS NOT TRUE) AS due
			  WHERE TRUE
			  ON CONFLICT (dedup_key) DO NOTHING
			  RETURNING\s""" + COLUMNS + """
			)
			SELECT i.*, r.user_id AS recipient_id, r.email AS recipient_email, r.display_name AS recipient_display_name,
			       r.locale AS recipient_locale, r.deleted AS recipient_deleted
			FROM inserted i LEFT JOIN notifications.recipients r ON r.user_id = i.user_id
			""";

	public Optional<Notification> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM notifications.notifications WHERE id = :id")
			.param("id", id)
			.query(rows)
			.optional();
	}

	/**
	 * Claims the next due email for this instance, if any: it becomes {@code SENDING} with a lease
	 * and one more attempt, committed before anything is sent. Only the email about to be sent is
	 * claimed, so a crash leaves at most this one in doubt. The same statement reads what sending it
	 * needs besides its row (ADR 0041): its recipient as the projection has it, and its trace context,
	 * kept for {@link #traceparentOf} until the email's outcome is recorded.
	 */
	public Optional<Claimed> claimNext(Duration lease) {
		Instant now = clock.instant();
		Optional<Claimed> claimed = jdbc.sql("""
				WITH claimed AS (
				  UPDATE notifications.notifications
				  SET status = 'SENDING', attempts = attempts + 1, lease_until = :leaseUntil, claimed_by = :instance,
				      updated_at = :now
				  WHERE id = (SELECT id FROM notifications.notifications
				              WHERE status = 'PENDING' AND next_attempt_at <= :now
				              ORDER BY next_attempt_at
				              LIMIT 1
				              FOR UPDATE SKIP LOCKED)
				  RETURNING\s""" + COLUMNS + """
				)
				SELECT c.*, r.user_id AS recipient_id, r.email AS recipient_email, r.display_name AS recipient_display_name,
				       r.locale AS recipient_locale, r.deleted AS recipient_deleted
				FROM claimed c LEFT JOIN notifications.recipients r ON r.user_id = c.user_id
				""")
			.param("now", ts(now))
			.param("leaseUntil", ts(now.plus(lease)))
			.param("instance", instances.current())
			.query(this::claimed)
			.optional();
		return claimed;
	}

	/** A claimed email and its recipient (a row of {@link #claimNext} or of {@link #recordAll}); its trace context kept. */
	private Claimed claimed(ResultSet rs, int row) throws SQLException {
		Notification notification = map(rs, row);
		String traceparent = rs.getString("traceparent");
		if (traceparent != null && notification.status() == NotificationStatus.SENDING && notification.channel() == Notification.Channel.EMAIL) {
			claimedTraceparents.put(notification.id(), traceparent);
		}
		UUID recipientId = rs.getObject("recipient_id", UUID.class);
		return new Claimed(notification, recipientId == null ? Optional.empty()
				: Optional.of(new Recipient(recipientId, rs.getString("recipient_email"),
						rs.getString("recipient_display_name"), rs.getString("recipient_locale"),
						rs.getBoolean("recipient_deleted"))));
	}

	/** A claimed email, and its recipient as the recipients projection had it when claimed (empty: unknown). */
	public record Claimed(Notification notification, Optional<Recipient> recipient) {
	}

	/**
	 * An email recorded claimed ({@link #recordAll}) whose transaction rolled back: its trace context is
	 * no longer kept (there is no row to send).
	 */
	public void forgetClaim(UUID id) {
		claimedTraceparents.remove(id);
	}

	/** The email went out: it is {@code SENT} and its token is erased. */
	public boolean markSent(UUID id, Instant sentAt) {
		return leaveSending(id, NotificationStatus.SENT, null, null, sentAt);
	}

	/** An attempt failed and another one is due at {@code nextAttemptAt}. */
	public boolean scheduleRetry(UUID id, String error, Instant nextAttemptAt) {
		return leaveSending(id, NotificationStatus.PENDING, error, nextAttemptAt, clock.instant());
	}

	/** The last attempt failed: the email is a dead letter for an administrator; a token it carried is erased. */
	public boolean markFailed(UUID id, String error) {
		return leaveSending(id, NotificationStatus.FAILED, error, null, clock.instant());
	}

	/** The email will not be sent (its recipient is deleted); the token is erased. */
	public boolean markSkipped(UUID id, String reason) {
		return leaveSending(id, NotificationStatus.SKIPPED, reason, null, clock.instant());
	}

	/**
	 * A claimed email leaves {@code SENDING} for {@code status}: its lease ends, {@code error} becomes its
	 * last error, {@code nextAttemptAt} its next attempt (none: null), its token is erased unless another
	 * attempt ({@code PENDING}) needs it, and {@code SENT} records when. The status is written into the statement (a constant
	 * of the enum, not input), so each transition is a statement of its own in PostgreSQL's logs and
	 * statistics. False when the row was no longer this caller's to change (another instance took it over).
	 */
	private boolean leaveSending(UUID id, NotificationStatus status, String error, Instant nextAttemptAt, Instant at) {
		claimedTraceparents.remove(id);
		return jdbc.sql("""
				UPDATE notifications.notifications
				SET status = '%s', last_error = :error, next_attempt_at = :next, lease_until = NULL, updated_at = :at,
				    secret = CASE WHEN :eraseSecret THEN NULL ELSE secret END, sent_at = COALESCE(:sentAt, sent_at)
				WHERE id = :id AND status = 'SENDING'
				""".formatted(status.name()))
			.param("id", id)
			.param("error", error)
			.param("next", ts(nextAttemptAt))
			.param("eraseSecret", status != NotificationStatus.PENDING)
			.param("at", ts(at))
			.param("sentAt", status == NotificationStatus.SENT ? ts(at) : null)
			.update() == 1;
	}

	/** No address is known yet: the claimed email waits for its recipient (the attempt does not count). */
	public boolean awaitRecipient(UUID id) {
		claimedTraceparents.remove(id);
		return jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'AWAITING_RECIPIENT', attempts = attempts - 1, next_attempt_at = NULL, lease_until = NULL,
				    updated_at = :now
				WHERE id = :id AND status = 'SENDING'
				""")
			.param("id", id)
			.param("now", ts(clock.instant()))
			.update() == 1;
	}

	/**
	 * Emails left {@code SENDING} by a sender that stopped between claiming and recording the outcome,
	 * so that they may or may not have gone out: those claimed by an instance whose heartbeat lapsed
	 * (it died: {@code orderly.events.resubmission.instance-lease}, 10 s, after its last beat), those
	 * this instance claimed and is no longer sending (not in {@code inFlight}: a run or a direct send
	 * ended by a database error), and those whose own lease expired (a sender hung past every SMTP timeout, or an instance
	 * forgotten since). They are due again at once and will be resent with the same {@code Message-ID}
	 * (at-least-once); the attempt they were claimed for counts.
	 *
	 * They go first: due since they were recorded, ahead of emails that have not been tried yet (the
	 * doubt about them is the one to end soonest).
	 *
	 * @param inFlight the emails this instance's senders are sending right now (left alone)
	 * @param ownToo whether this instance's own claims (not in {@code inFlight}) are taken back too:
	 * only when none of its senders is between claiming an email and adding it to {@code inFlight} (a
	 * direct send adds its email before its row exists, under a lock the caller holds around this call)
	 */
	public int releaseStoppedSends(Collection<UUID> inFlight, boolean ownToo) {
		Instant now = clock.instant();
		List<String> dead = instances.dead();
		// IN lists only where not empty (an empty IN list is not SQL)
		String notInFlight = !ownToo ? "FALSE" : inFlight.isEmpty() ? "TRUE" : "id NOT IN (:inFlight)";
		String claimedByDead = dead.isEmpty() ? "FALSE" : "claimed_by IN (:dead)";
		var statement = jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'PENDING', next_attempt_at = LEAST(created_at, :now), lease_until = NULL,
				    last_error = 'Its sender stopped (instance died, run failed or lease expired): resent with the same Message-ID',
				    updated_at = :now
				WHERE status = 'SENDING'
				  AND (lease_until < :now OR (claimed_by = :me AND %s) OR %s)
				""".formatted(notInFlight, claimedByDead))
			.param("now", ts(now))
			.param("me", instances.current());
		if (ownToo && !inFlight.isEmpty()) {
			statement = statement.param("inFlight", List.copyOf(inFlight));
		}
		if (!dead.isEmpty()) {
			statement = statement.param("dead", dead);
		}
		return statement.update();
	}

	/** Emails that waited for a recipient whose address is now known become due. */
	public int releaseAwaitingWithKnownRecipient() {
		Instant now = clock.instant();
		return jdbc.sql("""
				UPDATE notifications.notifications n
				SET status = 'PENDING', next_attempt_at = :now, updated_at = :now
				WHERE n.status = 'AWAITING_RECIPIENT'
				  AND EXISTS (SELECT 1 FROM notifications.recipients r
				              WHERE r.user_id = n.user_id AND r.email IS NOT NULL AND NOT r.deleted)
				""")
			.param("now", ts(now))
			.update();
	}

	/** Emails whose recipient never became known within {@code wait} are dead letters. */
	public int failAwaitingLongerThan(Duration wait) {
		Instant now = clock.instant();
		return jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'FAILED', last_error = 'Recipient unknown', updated_at = :now
				WHERE status = 'AWAITING_RECIPIENT' AND created_at < :limit
				""")
			.param("now", ts(now))
			.param("limit", ts(now.minus(wait)))
			.update();
	}

	/** A deleted user gets no further email: their open emails are skipped and tokens erased. */
	public int skipOpenEmailsOf(UUID userId) {
		return jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'SKIPPED', last_error = 'Recipient deleted', secret = NULL, next_attempt_at = NULL,
				    updated_at = :now
				WHERE user_id = :userId AND channel = 'EMAIL' AND status IN ('PENDING', 'AWAITING_RECIPIENT', 'FAILED')
				""")
			.param("userId", userId)
			.param("now", ts(clock.instant()))
			.update();
	}

	/**
	 * An administrator retries an email that did not reach {@code SENT} (and is neither being sent
	 * nor skipped for a deleted recipient): it is due now with a fresh attempt budget.
	 */
	public boolean retry(UUID id) {
		Instant now = clock.instant();
		return jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'PENDING', attempts = 0, next_attempt_at = :now, lease_until = NULL, updated_at = :now
				WHERE id = :id AND channel = 'EMAIL' AND status IN ('FAILED', 'UNCONFIRMED', 'PENDING', 'AWAITING_RECIPIENT')
				  AND (secret IS NOT NULL OR kind NOT IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET'))
				""")
			.param("id", id)
			.param("now", ts(now))
			.update() == 1;
	}

	/** Marks an in-app notification read; reading it again keeps the first time. */
	public void markRead(UUID id) {
		Instant now = clock.instant();
		jdbc.sql("""
				UPDATE notifications.notifications
				SET read_at = :now, updated_at = :now
				WHERE id = :id AND channel = 'IN_APP' AND read_at IS NULL
				""")
			.param("id", id)
			.param("now", ts(now))
			.update();
	}

	/** One page (plus one row) of a user's in-app notifications, newest first. */
	public List<Notification> inAppOf(UUID userId, boolean unreadOnly, Cursor cursor, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM notifications.notifications
				WHERE user_id = :userId AND channel = 'IN_APP'
				  AND (:unreadOnly = FALSE OR read_at IS NULL)
				  AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
				ORDER BY created_at DESC, id DESC
				LIMIT :limit
				""")
			.param("userId", userId)
			.param("unreadOnly", unreadOnly)
			.param("cursorAt", cursor == null ? null : Timestamp.from(cursor.createdAt()))
			.param("cursorId", cursor == null ? null : cursor.id())
			.param("limit", limit + 1)
			.query(rows)
			.list();
	}

	/** One page (plus one row) of notifications in any of the given states, newest first (administration). */
	public List<Notification> inStatus(List<NotificationStatus> statuses, Cursor cursor, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM notifications.notifications
				WHERE status IN (:statuses)
				  AND (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
				ORDER BY created_at DESC, id DESC
				LIMIT :limit
				""")
			.param("statuses", statuses.stream().map(Enum::name).toList())
			.param("cursorAt", cursor == null ? null : Timestamp.from(cursor.createdAt()))
			.param("cursorId", cursor == null ? null : cursor.id())
			.param("limit", limit + 1)
			.query(rows)
			.list();
	}

	/**
	 * The W3C {@code traceparent} stored with a notification (of the listener that recorded it), for
	 * the email span to continue that trace; empty for an unknown id or a row recorded without one.
	 * An email this instance claimed brings it along ({@link #claimNext}); any other costs one
	 * primary-key lookup.
	 */
	public Optional<String> traceparentOf(UUID id) {
		String claimed = claimedTraceparents.get(id);
		if (claimed != null) {
			return Optional.of(claimed);
		}
		return jdbc.sql("SELECT traceparent FROM notifications.notifications WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/** The email outbox's backlog: waiting, dead letters, and the age of the oldest waiting email. */
	public EmailBacklog emailBacklog() {
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDING', 'AWAITING_RECIPIENT')) AS pending,
				       count(*) FILTER (WHERE status = 'FAILED') AS failed,
				       COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)
				           FILTER (WHERE status IN ('PENDING', 'SENDING', 'AWAITING_RECIPIENT'))), 0) AS oldest_age
				FROM notifications.notifications
				WHERE channel = 'EMAIL' AND status IN ('PENDING', 'SENDING', 'AWAITING_RECIPIENT', 'FAILED')
				""")
			.query((rs, row) -> new EmailBacklog(rs.getLong("pending"), rs.getLong("failed"), rs.getDouble("oldest_age")))
			.single();
	}

	/** Emails waiting (pending, sending, awaiting their recipient), failed for good, and the oldest wait in seconds. */
	public record EmailBacklog(long pending, long failed, double oldestPendingAgeSeconds) {
	}

	private Notification map(ResultSet rs, int row) throws SQLException {
		return new Notification(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
				Notification.Channel.valueOf(rs.getString("channel")), NotificationKind.valueOf(rs.getString("kind")),
				NotificationStatus.valueOf(rs.getString("status")), rs.getString("email"),
				json.readValue(rs.getString("params"), PARAMS), rs.getString("secret"), rs.getString("title"),
				rs.getString("body"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "lease_until"),
				rs.getString("last_error"), instant(rs, "event_at"), instant(rs, "sent_at"), instant(rs, "read_at"),
				instant(rs, "created_at"), instant(rs, "updated_at"),
				new RequestOrigin(rs.getString("traceparent"), rs.getString("request_id")));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	/**
	 * Deletes up to {@code batch} notifications nobody needs any more: emails {@code SENT} or
	 * {@code SKIPPED} more than {@code delivered} ago, in-app notices read more than {@code read} ago,
	 * and any in-app notice older than {@code inApp}. Failed and pending emails stay (an administrator
	 * retries or inspects them). One short statement; rows in use are skipped.
	 */
	public int deleteSettled(Duration delivered, Duration read, Duration inApp, int batch) {
		return jdbc.sql("""
				DELETE FROM notifications.notifications WHERE id IN (
				  SELECT id FROM notifications.notifications
				  WHERE (channel = 'EMAIL' AND status IN ('SENT', 'SKIPPED')
				         AND updated_at < now() - make_interval(secs => :delivered))
				     OR (channel = 'IN_APP' AND read_at < now() - make_interval(secs => :read))
				     OR (channel = 'IN_APP' AND created_at < now() - make_interval(secs => :inApp))
				  LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.param("delivered", delivered.toSeconds())
			.param("read", read.toSeconds())
			.param("inApp", inApp.toSeconds())
			.param("batch", batch)
			.update();
	}
}
