package dev.orderly.webhooks.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A receiver of webhooks: where to post, which event types, whether it is enabled (and why not), and
 * the secrets that sign its deliveries.
 */
public record Endpoint(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
		String disabledReason, String secret, String previousSecret, Instant previousSecretExpiresAt,
		Instant failingSince, Instant createdAt, Instant updatedAt) {

	/** The secrets that sign a delivery at {@code now}: the current one, and the previous one during its grace period. */
	public List<String> signingSecrets(Instant now) {
		List<String> secrets = new ArrayList<>(List.of(secret));
		if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
			secrets.add(previousSecret);
		}
		return secrets;
	}

	/** Whether a delivery of {@code type} goes to this endpoint. */
	public boolean subscribesTo(EventType type) {
		return eventTypes.contains(type.wireName()) || eventTypes.contains(EventType.ALL_ORDER_EVENTS);
	}
}
