package dev.orderly.webhooks.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.platform.paging.Cursor;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.domain.EventType;

/** The SQL of {@code webhooks.endpoints}. Event types travel as one comma-separated parameter. */
@Repository
public class Endpoints {

	private static final String COLUMNS = """
			id, url, description, event_types, enabled, disabled_reason, secret, previous_secret,
			previous_secret_expires_at, failing_since, created_at, updated_at""";

	/**
	 * The endpoints that get an event of type {@code :type} ({@code :all}: {@code order.*}), aliased
	 * {@code e}: what {@link Deliveries#record} delivers to and {@link #anySubscribedTo} asks about.
	 */
	static final String SUBSCRIBED = "e.enabled AND (:type = ANY (e.event_types) OR :all = ANY (e.event_types))";

	private static final String ANY_SUBSCRIBED = "SELECT EXISTS (SELECT 1 FROM webhooks.endpoints e WHERE %s)"
		.formatted(SUBSCRIBED);

	private final JdbcClient jdbc;

	Endpoints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Endpoint e) {
		jdbc.sql("""
				INSERT INTO webhooks.endpoints (id, url, description, event_types, enabled, secret, created_at, updated_at)
				VALUES (:id, :url, :description, string_to_array(:types, ','), TRUE, :secret, :now, :now)
				""")
			.param("id", e.id())
			.param("url", e.url())
			.param("description", e.description())
			.param("types", String.join(",", e.eventTypes()))
			.param("secret", e.secret())
			.param("now", ts(e.createdAt()))
			.update();
	}

	/**
	 * Whether an enabled endpoint subscribes to {@code type}: one index-less read of a small table, in
	 * the caller's transaction.
	 */
	public boolean anySubscribedTo(EventType type) {
		return jdbc.sql(ANY_SUBSCRIBED)
			.param("type", type.wireName())
			.param("all", EventType.ALL_ORDER_EVENTS)
			.query(Boolean.class)
			.single();
	}

	public Optional<Endpoint> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks.endpoints WHERE id = :id")
			.param("id", id)
			.query(Endpoints::map)
			.optional();
	}

	/** One page (plus one row) of endpoints, newest first. */
	public List<Endpoint> page(Cursor cursor, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM webhooks.endpoints
				WHERE (CAST(:cursorAt AS timestamptz) IS NULL OR (created_at, id) < (:cursorAt, :cursorId))
				ORDER BY created_at DESC, id DESC
				LIMIT\s""" + (limit + 1)) // the page size in the statement, not a parameter (ADR 0028)
			.param("cursorAt", cursor == null ? null : ts(cursor.createdAt()))
			.param("cursorId", cursor == null ? null : cursor.id())
			.query(Endpoints::map)
			.list();
	}

	public void update(UUID id, String url, String description, List<String> eventTypes, Instant now) {
		jdbc.sql("""
				UPDATE webhooks.endpoints
				SET url = :url, description = :description, event_types = string_to_array(:types, ','), updated_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("url", url)
			.param("description", description)
			.param("types", String.join(",", eventTypes))
			.param("now", ts(now))
			.update();
	}

	/** Enables (and forgets the failures that disabled it) or disables an endpoint. */
	public boolean setEnabled(UUID id, boolean enabled, String reason, Instant now) {
		return jdbc.sql("""
				UPDATE webhooks.endpoints
				SET enabled = :enabled, disabled_reason = :reason, failing_since = NULL, updated_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("enabled", enabled)
			.param("reason", enabled ? null : reason)
			.param("now", ts(now))
			.update() == 1;
	}

	/**
	 * Disables an endpoint that is still enabled (by the dispatcher: 410 Gone, or failing too long);
	 * {@code true} if this call disabled it.
	 */
	public boolean disableIfEnabled(UUID id, String reason, Instant now) {
		return jdbc.sql("""
				UPDATE webhooks.endpoints SET enabled = FALSE, disabled_reason = :reason, updated_at = :now
				WHERE id = :id AND enabled
				""")
			.param("id", id)
			.param("reason", reason)
			.param("now", ts(now))
			.update() == 1;
	}

	public boolean delete(UUID id) {
		return jdbc.sql("DELETE FROM webhooks.endpoints WHERE id = :id").param("id", id).update() == 1;
	}

	/** A new current secret; the old one keeps signing until {@code previousUntil}. */
	public void rotate(UUID id, String secret, Instant previousUntil, Instant now) {
		jdbc.sql("""
				UPDATE webhooks.endpoints
				SET previous_secret = secret, previous_secret_expires_at = :previousUntil, secret = :secret, updated_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("secret", secret)
			.param("previousUntil", ts(previousUntil))
			.param("now", ts(now))
			.update();
	}

	/** An attempt failed: returns since when the endpoint has been failing (this failure if it is the first). */
	public Instant failing(UUID id, Instant now) {
		return jdbc.sql("""
				UPDATE webhooks.endpoints SET failing_since = COALESCE(failing_since, :now)
				WHERE id = :id
				RETURNING failing_since
				""")
			.param("id", id)
			.param("now", ts(now))
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional()
			.orElse(now);
	}

	/** An attempt succeeded: the endpoint is no longer failing. */
	public void succeeded(UUID id) {
		jdbc.sql("UPDATE webhooks.endpoints SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
			.param("id", id)
			.update();
	}

	private static Endpoint map(ResultSet rs, int row) throws SQLException {
		Array types = rs.getArray("event_types");
		return new Endpoint(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("description"),
				List.copyOf(Arrays.asList((String[]) types.getArray())), rs.getBoolean("enabled"),
				rs.getString("disabled_reason"), rs.getString("secret"), rs.getString("previous_secret"),
				instant(rs, "previous_secret_expires_at"), instant(rs, "failing_since"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
