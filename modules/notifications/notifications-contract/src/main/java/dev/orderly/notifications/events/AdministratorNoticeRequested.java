package dev.orderly.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * A module asks that every administrator be told something in the app (for example that a webhook
 * endpoint was disabled after failing continuously). Notifications shows it in the in-app
 * notifications of each user who is an administrator when they read them (kind
 * {@code ADMINISTRATOR_NOTICE}); the publisher needs to know no recipient. Never put a secret, a token or
 * an email address in it: it is shown as written.
 *
 * @param noticeId chosen by the publisher; the same id is one notice however often it is published
 * @param source the publishing module, e.g. {@code webhooks}
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param title one line, at most 200 characters
 * @param message at most 2000 characters
 * @param link where to look, a path of the API (e.g. {@code /api/v1/webhook-endpoints/…}); may be {@code null}
 * @param requestedAt when it happened
 */
@DomainEvent
@EventVersion(1)
public record AdministratorNoticeRequested(UUID noticeId, String source, String severity, String title,
		String message, String link, Instant requestedAt) {

	public static final String INFO = "INFO";

	public static final String WARNING = "WARNING";

	public static final String CRITICAL = "CRITICAL";
}
