package dev.orderly.webhooks.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.orderly.webhooks.domain.EventType;
import dev.orderly.webhooks.persistence.Deliveries;

/**
 * Turns a consumed event into deliveries: the body every attempt sends,
 * {@code {"type", "timestamp", "data"}} (Standard Webhooks), recorded once per subscribed endpoint in
 * the caller's transaction. The event key ({@code type:orderId}: each order reaches each state at most
 * once) makes a redelivered event a no-op.
 */
@Component
class DeliveryIntake {

	private final Deliveries deliveries;

	private final JsonMapper json;

	private final WebhooksProperties properties;

	private final Clock clock;

	DeliveryIntake(Deliveries deliveries, JsonMapper json, WebhooksProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/** Records the deliveries of one event; returns how many endpoints get it (0 when already recorded). */
	int accept(EventType type, UUID orderId, Instant occurredAt, Object data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.wireName());
		body.put("timestamp", occurredAt);
		body.put("data", data);
		return deliveries.record(type, type.wireName() + ":" + orderId, json.writeValueAsString(body),
				clock.instant().truncatedTo(ChronoUnit.MICROS), properties.retryFor());
	}
}
