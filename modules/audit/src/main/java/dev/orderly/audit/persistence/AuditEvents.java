package dev.orderly.audit.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.audit.domain.AuditEntry;
import dev.orderly.audit.domain.AuditEvent;
import dev.orderly.audit.domain.AuditQuery;
import dev.orderly.platform.Ids;
import dev.orderly.platform.paging.Cursor;

/**
 * The table {@code audit.events} and its SQL, the one place that touches it. Append-only: it
 * inserts and reads, and deletes only for retention; a trigger refuses any update.
 */
@Repository
public class AuditEvents {

	private static final String COLUMNS = """
			id, action, actor_id, target_type, target_id, before, after, request_id, occurred_at, recorded_at""";

	private static final TypeReference<Map<String, String>> STATE = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditEvents(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Inserts the entry unless one with its event key exists; @return whether it inserted it. */
	public boolean append(AuditEntry entry) {
		return jdbc.sql("""
				INSERT INTO audit.events (id, event_key, action, actor_id, target_type, target_id, before, after,
				  request_id, occurred_at, recorded_at)
				VALUES (:id, :eventKey, :action, :actorId, :targetType, :targetId, CAST(:before AS jsonb),
				  CAST(:after AS jsonb), :requestId, :occurredAt, now())
				ON CONFLICT (event_key) DO NOTHING""")
			.param("id", Ids.next())
			.param("eventKey", entry.eventKey())
			.param("action", entry.action().wireName())
			.param("actorId", entry.actorId())
			.param("targetType", entry.action().targetType())
			.param("targetId", entry.targetId())
			.param("before", write(entry.before()))
			.param("after", write(entry.after()))
			.param("requestId", entry.requestId())
			.param("occurredAt", utc(entry.occurredAt()))
			.update() == 1;
	}

	/** One page (newest first by time of the action, {@code limit + 1} rows) of what {@code query} selects. */
	public List<AuditEvent> page(AuditQuery query, Cursor after, int limit) {
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (query.actorId() != null) {
			where.add("actor_id = :actorId");
			params.put("actorId", query.actorId());
		}
		if (query.targetId() != null) {
			where.add("target_id = :targetId");
			params.put("targetId", query.targetId());
		}
		if (query.action() != null) {
			where.add("action = :action");
			params.put("action", query.action().wireName());
		}
		if (query.from() != null) {
			where.add("occurred_at >= :from");
			params.put("from", utc(query.from()));
		}
		if (query.to() != null) {
			where.add("occurred_at < :to");
			params.put("to", utc(query.to()));
		}
		if (after != null) {
			where.add("(occurred_at, id) < (:cursorAt, :cursorId)");
			params.put("cursorAt", utc(after.createdAt()));
			params.put("cursorId", after.id());
		}
		params.put("limit", limit + 1);
		String sql = "SELECT " + COLUMNS + " FROM audit.events"
				+ (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
				+ " ORDER BY occurred_at DESC, id DESC LIMIT :limit";
		return jdbc.sql(sql).params(params).query(this::map).list();
	}

	/** Deletes at most {@code batch} entries that occurred longer ago than {@code keep}; one short statement. */
	public int deleteOccurredBefore(Duration keep, int batch) {
		return jdbc.sql("""
				DELETE FROM audit.events WHERE id IN (
				  SELECT id FROM audit.events WHERE occurred_at < now() - make_interval(secs => :keep)
				  LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.param("keep", keep.toSeconds())
			.param("batch", batch)
			.update();
	}

	private AuditEvent map(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getObject("id", UUID.class), rs.getString("action"),
				rs.getObject("actor_id", UUID.class), rs.getString("target_type"), rs.getString("target_id"),
				read(rs.getString("before")), read(rs.getString("after")), rs.getString("request_id"),
				instant(rs, "occurred_at"), instant(rs, "recorded_at"));
	}

	private String write(Map<String, String> state) {
		return state == null ? null : json.writeValueAsString(state);
	}

	private Map<String, String> read(String state) {
		return state == null ? null : json.readValue(state, STATE);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}
}
