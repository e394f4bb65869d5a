package dev.orderly.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notification to record. {@code dedupKey} (channel, kind and the identity of the source event)
 * makes recording idempotent under redelivery.
 */
record NewNotification(UUID userId, Notification.Channel channel, NotificationKind kind, NotificationStatus status,
		String dedupKey, String email, Map<String, String> params, String secret, String title, String body,
		Instant eventAt) {
}
