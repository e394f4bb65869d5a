package dev.orderly.notifications.persistence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notices for every administrator ({@code administrator_notices}) and their copies among each
 * administrator's in-app notifications, made when that administrator reads them.
 */
@Repository
public class AdministratorNotices {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AdministratorNotices(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** Records a notice unless one with its id exists; {@code true} if recorded. */
	public boolean record(UUID id, Map<String, String> params, String title, String body, Instant requestedAt) {
		return jdbc.sql("""
				INSERT INTO notifications.administrator_notices (id, params, title, body, requested_at, created_at)
				VALUES (:id, CAST(:params AS jsonb), :title, :body, :requestedAt, :now)
				ON CONFLICT (id) DO NOTHING""")
			.param("id", id)
			.param("params", json.writeValueAsString(params))
			.param("title", title)
			.param("body", body)
			.param("requestedAt", Timestamp.from(requestedAt))
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}

	/**
	 * Copies every notice recorded after {@code since} that {@code administrator} has no copy of yet into
	 * their in-app notifications (created at the notice's time, so that they sort and expire with it).
	 * @return how many copies were made
	 */
	public int copyTo(UUID administrator, Instant since) {
		// the copies' ids are random (not UUIDv7): the list is ordered by created_at first, the notice's time
		return jdbc.sql("""
				INSERT INTO notifications.notifications
				  (id, user_id, channel, kind, status, dedup_key, params, title, body, event_at, created_at, updated_at)
				SELECT gen_random_uuid(), :user, 'IN_APP', 'ADMINISTRATOR_NOTICE', 'DELIVERED',
				       'IN_APP:ADMINISTRATOR_NOTICE:' || n.id || ':' || :userText, n.params, n.title, n.body,
				       n.requested_at, n.created_at, :now
				FROM notifications.administrator_notices n
				WHERE n.created_at > :since
				ON CONFLICT (dedup_key) DO NOTHING""")
			.param("user", administrator)
			.param("userText", administrator.toString())
			.param("since", Timestamp.from(since))
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** Deletes up to {@code batch} notices recorded before {@code before} (retention). */
	public int deleteOlderThan(Instant before, int batch) {
		return jdbc.sql("""
				DELETE FROM notifications.administrator_notices WHERE id IN (
				  SELECT id FROM notifications.administrator_notices WHERE created_at < :before
				  LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.param("before", Timestamp.from(before))
			.param("batch", batch)
			.update();
	}
}
