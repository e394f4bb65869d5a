package dev.orderly.webhooks.web;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The request bodies of the webhook endpoints API (unknown properties are refused, as everywhere). */
final class WebhookRequests {

	static final String EVENT_TYPES = "order.placed, order.confirmed, order.shipped, order.delivered, order.cancelled, or order.* for all";

	private WebhookRequests() {
	}

	/** {@code POST /webhook-endpoints}. */
	record EndpointRequest(
			@Schema(description = "Where deliveries are posted: an https URL whose host resolves to public addresses only", example = "https://partner.example.com/orderly/webhooks")
			@NotBlank @Size(max = 2048) String url,
			@ArraySchema(arraySchema = @Schema(description = "The event types to receive: " + EVENT_TYPES),
					schema = @Schema(allowableValues = { "order.placed", "order.confirmed", "order.shipped",
							"order.delivered", "order.cancelled", "order.*" }, maxLength = 32))
			@NotNull @Size(min = 1, max = 6) List<@NotBlank @Size(max = 32) String> eventTypes,
			@Schema(description = "What the endpoint is for (optional)") @Size(max = 500) String description) {
	}

	/** {@code PATCH /webhook-endpoints/{id}}: absent or null fields stay; an empty description removes it. */
	record EndpointPatch(
			@Schema(description = "A new https URL (checked like on registration)", nullable = true)
			@Size(min = 1, max = 2048) String url,
			@ArraySchema(arraySchema = @Schema(description = "New event types: " + EVENT_TYPES, nullable = true),
					schema = @Schema(allowableValues = { "order.placed", "order.confirmed", "order.shipped",
							"order.delivered", "order.cancelled", "order.*" }, maxLength = 32))
			@Size(min = 1, max = 6) List<@NotBlank @Size(max = 32) String> eventTypes,
			@Schema(description = "A new description; empty removes it", nullable = true) @Size(max = 500) String description) {
	}
}
