package dev.orderly.notifications.persistence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.notifications.domain.RecipientUpdate;

/**
 * The recipients projection, kept from users and auth events. Upserts are order-tolerant: an event
 * older than the one last applied changes nothing, a deletion is never undone, and a field an
 * event does not carry ({@code null}) keeps its value.
 */
@Repository
public class Recipients {

	private final JdbcClient jdbc;

	private final Clock clock;

	Recipients(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Applies what an event tells about a recipient. */
	public void apply(RecipientUpdate update) {
		if (update.deleted()) {
			markDeleted(update.userId(), update.sourceAt());
		}
		else {
			upsert(update);
		}
	}

	private void upsert(RecipientUpdate update) {
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO notifications.recipients
				  (user_id, email, display_name, locale, deleted, source_at, created_at, updated_at)
				VALUES (:userId, :email, :displayName, :locale, FALSE, :sourceAt, :now, :now)
				ON CONFLICT (user_id) DO UPDATE SET
				  email = COALESCE(EXCLUDED.email, recipients.email),
				  display_name = COALESCE(EXCLUDED.display_name, recipients.display_name),
				  locale = COALESCE(EXCLUDED.locale, recipients.locale),
				  source_at = EXCLUDED.source_at,
				  updated_at = EXCLUDED.updated_at
				WHERE recipients.source_at <= EXCLUDED.source_at
				""")
			.param("userId", update.userId())
			.param("email", update.email())
			.param("displayName", update.displayName())
			.param("locale", update.locale())
			.param("sourceAt", ts(update.sourceAt()))
			.param("now", ts(now))
			.update();
	}

	private void markDeleted(UUID userId, Instant deletedAt) {
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO notifications.recipients (user_id, deleted, source_at, created_at, updated_at, deleted_at)
				VALUES (:userId, TRUE, :deletedAt, :now, :now, :deletedAt)
				ON CONFLICT (user_id) DO UPDATE SET
				  deleted = TRUE,
				  deleted_at = COALESCE(recipients.deleted_at, EXCLUDED.deleted_at),
				  updated_at = EXCLUDED.updated_at
				""")
			.param("userId", userId)
			.param("deletedAt", ts(deletedAt))
			.param("now", ts(now))
			.update();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
