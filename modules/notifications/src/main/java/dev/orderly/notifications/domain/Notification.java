package dev.orderly.notifications.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.orderly.platform.RequestOrigin;

/**
 * One notification as stored. {@code secret} (a token) is present only until its email is sent;
 * {@code title} and {@code body} are kept for in-app notifications only — emails are rendered at
 * send time from {@code params} (its {@link #model()}). {@code origin} is the trace context and request
 * id of the request that caused it, for the email sent later to log and trace as part of that request.
 */
public record Notification(UUID id, UUID userId, Channel channel, NotificationKind kind, NotificationStatus status,
		String email, Map<String, String> params, String secret, String title, String body, int attempts,
		Instant nextAttemptAt, Instant leaseUntil, String lastError, Instant eventAt, Instant sentAt, Instant readAt,
		Instant createdAt, Instant updatedAt, RequestOrigin origin) {

	/** The typed model of its kind, read back from {@code params}. */
	public TemplateModel model() {
		return TemplateModel.of(kind, params);
	}

	public enum Channel {
		EMAIL, IN_APP
	}
}
