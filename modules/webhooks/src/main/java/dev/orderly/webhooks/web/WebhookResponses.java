package dev.orderly.webhooks.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.DeliveryStatus;
import dev.orderly.webhooks.domain.Endpoint;

/** The response bodies of the webhook endpoints API. Secrets appear only in {@link CreatedEndpoint}. */
final class WebhookResponses {

	private WebhookResponses() {
	}

	/** An endpoint as administrators see it, without its secret. */
	record EndpointView(UUID id, @Schema(maxLength = 2048) String url,
			@Schema(nullable = true, maxLength = 500) String description,
			@ArraySchema(schema = @Schema(maxLength = 32), minItems = 1, maxItems = 6) List<String> eventTypes,
			boolean enabled,
			@Schema(nullable = true, maxLength = 500, description = "Why it is disabled: by an administrator, 410 Gone, or failing too long") String disabledReason,
			@Schema(nullable = true, description = "Until when the previous secret still signs (after a rotation)") Instant previousSecretExpiresAt,
			@Schema(nullable = true, description = "Since when every attempt failed; null after a success") Instant failingSince,
			Instant createdAt, Instant updatedAt) {

		static EndpointView of(Endpoint e) {
			return new EndpointView(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(), e.disabledReason(),
					e.previousSecretExpiresAt(), e.failingSince(), e.createdAt(), e.updatedAt());
		}
	}

	/** A registered endpoint or one whose secret was rotated: the only answers that carry the secret. */
	record CreatedEndpoint(UUID id, @Schema(maxLength = 2048) String url,
			@Schema(nullable = true, maxLength = 500) String description,
			@ArraySchema(schema = @Schema(maxLength = 32), minItems = 1, maxItems = 6) List<String> eventTypes,
			boolean enabled, @Schema(nullable = true, maxLength = 500) String disabledReason,
			@Schema(nullable = true) Instant previousSecretExpiresAt, @Schema(nullable = true) Instant failingSince,
			Instant createdAt, Instant updatedAt,
			@Schema(description = "The signing secret (whsec_ and base64), shown only now: store it to verify webhook-signature", maxLength = 100, pattern = "^whsec_[A-Za-z0-9+/=]+$") String secret) {

		static CreatedEndpoint of(Endpoint e) {
			return new CreatedEndpoint(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(), e.disabledReason(),
					e.previousSecretExpiresAt(), e.failingSince(), e.createdAt(), e.updatedAt(), e.secret());
		}
	}

	/** One delivery of an event to an endpoint and what its attempts did; never its payload. */
	record DeliveryView(UUID id,
			@Schema(description = "The webhook-id header of every attempt", maxLength = 40) String webhookId,
			@Schema(maxLength = 32) String eventType, DeliveryStatus status,
			@Schema(minimum = "0", maximum = "100000") int attempts,
			@Schema(nullable = true, minimum = "100", maximum = "599", description = "HTTP status of the last answer; null when there was none (timeout, connection error)") Integer lastResponseCode,
			@Schema(nullable = true) Instant lastAttemptAt,
			@Schema(nullable = true, maxLength = 500) String lastError,
			@Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true) Instant deliveredAt,
			Instant createdAt) {

		static DeliveryView of(Delivery d) {
			return new DeliveryView(d.id(), d.webhookId(), d.eventType(), d.status(), d.attempts(),
					d.lastResponseCode(), d.lastAttemptAt(), d.lastError(), d.nextAttemptAt(), d.deliveredAt(),
					d.createdAt());
		}
	}
}
