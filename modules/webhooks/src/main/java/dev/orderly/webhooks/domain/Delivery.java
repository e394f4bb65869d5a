package dev.orderly.webhooks.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one endpoint: the outbox row and what its attempts did. Its id is the
 * {@code webhook-id} of every attempt ({@link #webhookId()}).
 */
public record Delivery(UUID id, UUID endpointId, String eventType, String payload, DeliveryStatus status,
		int attempts, Instant nextAttemptAt, Instant retryUntil, Integer lastResponseCode, String lastError,
		Instant lastAttemptAt, Instant deliveredAt, Instant createdAt, Instant updatedAt) {

	/** The {@code webhook-id} header: the same on every attempt of this delivery. */
	public String webhookId() {
		return webhookId(id);
	}

	public static String webhookId(UUID id) {
		return "msg_" + id.toString().replace("-", "");
	}
}
