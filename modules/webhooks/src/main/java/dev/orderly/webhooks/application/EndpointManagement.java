package dev.orderly.webhooks.application;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.platform.Ids;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.DeliveryInFlight;
import dev.orderly.webhooks.domain.DeliveryNotFound;
import dev.orderly.webhooks.domain.DeliveryStatus;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.domain.EndpointNotFound;
import dev.orderly.webhooks.domain.EventType;
import dev.orderly.webhooks.domain.SigningSecret;
import dev.orderly.webhooks.domain.TargetRules;
import dev.orderly.webhooks.persistence.Deliveries;
import dev.orderly.webhooks.persistence.Endpoints;

/**
 * The use cases of endpoint administration. Each takes the {@link Actor} and asks
 * {@link WebhooksPolicy} first; a URL is checked by the {@link TargetRules} (resolved, every address
 * public unless private targets are allowed) whenever it is set.
 */
@Service
public class EndpointManagement {

	private static final Logger LOG = LoggerFactory.getLogger(EndpointManagement.class);

	private final Endpoints endpoints;

	private final Deliveries deliveries;

	private final TargetRules targets;

	private final WebhooksProperties properties;

	private final WebhookMetrics metrics;

	private final Clock clock;

	EndpointManagement(Endpoints endpoints, Deliveries deliveries, TargetRules targets, WebhooksProperties properties,
			WebhookMetrics metrics, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.targets = targets;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** A new enabled endpoint with a new signing secret (the only time the secret is returned). */
	public Endpoint register(Actor actor, String url, List<String> eventTypes, String description) {
		WebhooksPolicy.requireMayManage(actor);
		URI target = targets.check(url);
		List<String> subscription = EventType.subscription(eventTypes);
		Instant now = now();
		Endpoint endpoint = new Endpoint(Ids.next(), target.toString(), blankToNull(description), subscription, true,
				null, SigningSecret.generate(), null, null, null, now, now);
		endpoints.insert(endpoint);
		BusinessEvent.of("webhook.endpoint_registered")
			.with("endpointId", endpoint.id())
			.with("host", target.getHost())
			.log(LOG, Level.INFO);
		return endpoint;
	}

	public List<Endpoint> list(Actor actor, Cursor cursor, int limit) {
		WebhooksPolicy.requireMayManage(actor);
		return endpoints.page(cursor, limit);
	}

	public Endpoint find(Actor actor, UUID id) {
		WebhooksPolicy.requireMayManage(actor);
		return endpoints.find(id).orElseThrow(() -> new EndpointNotFound(id));
	}

	/**
	 * Changes what is given ({@code null}: unchanged); an empty description removes it.
	 */
	@Transactional
	public Endpoint update(Actor actor, UUID id, String url, List<String> eventTypes, String description) {
		Endpoint current = find(actor, id);
		String newUrl = url == null ? current.url() : targets.check(url).toString();
		List<String> newTypes = eventTypes == null ? current.eventTypes() : EventType.subscription(eventTypes);
		String newDescription = description == null ? current.description() : blankToNull(description);
		endpoints.update(id, newUrl, newDescription, newTypes, now());
		return find(actor, id);
	}

	/** Enabling forgets the failures that disabled the endpoint; its held-back deliveries go out again. */
	public Endpoint setEnabled(Actor actor, UUID id, boolean enabled) {
		find(actor, id);
		endpoints.setEnabled(id, enabled, "Disabled by an administrator", now());
		BusinessEvent.of(enabled ? "webhook.endpoint_enabled" : "webhook.endpoint_disabled")
			.with("endpointId", id)
			.with("reason", enabled ? null : "admin")
			.log(LOG, Level.INFO);
		return find(actor, id);
	}

	/** Deletes the endpoint and its deliveries. */
	public void delete(Actor actor, UUID id) {
		WebhooksPolicy.requireMayManage(actor);
		if (!endpoints.delete(id)) {
			throw new EndpointNotFound(id);
		}
	}

	/**
	 * A new signing secret, returned once; the previous one keeps signing (a second signature in
	 * {@code webhook-signature}) for {@code orderly.webhooks.secret-grace-period}.
	 */
	@Transactional
	public Endpoint rotateSecret(Actor actor, UUID id) {
		find(actor, id);
		Instant now = now();
		endpoints.rotate(id, SigningSecret.generate(), now.plus(properties.secretGracePeriod()), now);
		return find(actor, id);
	}

	public List<Delivery> deliveries(Actor actor, UUID endpointId, DeliveryStatus status, Cursor cursor, int limit) {
		find(actor, endpointId);
		return deliveries.page(endpointId, status, cursor, limit);
	}

	/**
	 * Sends a delivery again now, with a fresh retry window, whatever its state — except while an
	 * attempt is under way. It keeps its {@code webhook-id}.
	 */
	@Transactional
	public Delivery retry(Actor actor, UUID endpointId, UUID deliveryId) {
		find(actor, endpointId);
		Delivery delivery = deliveries.find(endpointId, deliveryId).orElseThrow(() -> new DeliveryNotFound(deliveryId));
		if (!deliveries.retry(endpointId, deliveryId, now(), properties.retryFor())) {
			throw new DeliveryInFlight();
		}
		metrics.outcome(WebhookMetrics.RETRIED);
		BusinessEvent.of("webhook.retried")
			.with("webhookId", delivery.webhookId())
			.with("endpointId", endpointId)
			.with("trigger", "admin")
			.log(LOG, Level.INFO);
		return deliveries.find(endpointId, deliveryId).orElseThrow(() -> new DeliveryNotFound(deliveryId));
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
