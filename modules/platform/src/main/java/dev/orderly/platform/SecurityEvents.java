package dev.orderly.platform;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Security events that every module raises the same way (docs/ops/README.md, "Business and security
 * events"): one INFO line each, its stable event name as the message and its fields as SLF4J key-value
 * pairs (fields of their own in the JSON log formats). Never a password, token or email address.
 * <p>
 * The platform names only the events it raises itself, in every deployable: a refused bearer token,
 * a resource hidden as a 404, a 403, a rate limit, a rejected input. A module that raises events of its
 * own counts them here too and contributes their names ({@link Counted}, a bean), so that their
 * series exist from the start on the instances that run it (docs/adr/0035).
 */
public final class SecurityEvents {

	/**
	 * The platform's security events counted in {@code orderly.security.events{event,reason}} (the
	 * dashboard's panels); modules add theirs ({@link Counted}).
	 */
	public static final List<String> COUNTED = List.of("auth.token_refused", "security.access_denied",
			"security.rate_limited", "request.validation_rejected");

	static final String METER = "orderly.security.events";

	/** The request attribute holding the client address (the platform's request-id filter sets it first thing). */
	public static final String CLIENT_ADDRESS_ATTRIBUTE = SecurityEvents.class.getName() + ".clientAddress";

	private static final Logger LOG = LoggerFactory.getLogger(SecurityEvents.class);

	private SecurityEvents() {
	}

	/**
	 * {@code security.access_denied} with status 404: the actor asked for a {@code resource} that
	 * exists but is not theirs, and was answered as if it did not exist (so that ids cannot be probed).
	 */
	public static void hiddenAsNotFound(String resource, Object resourceId, Actor actor) {
		count("security.access_denied", "404");
		LOG.atInfo().setMessage("security.access_denied")
			.addKeyValue("status", 404)
			.addKeyValue("resource", resource)
			.addKeyValue("resourceId", resourceId)
			.addKeyValue("actorId", actor.id())
			.addKeyValue("clientAddress", clientAddress())
			.log();
	}

	/**
	 * Counts a security event in {@code orderly.security.events{event,reason}} (Prometheus:
	 * {@code orderly_security_events_total}), next to its log line: the dashboard shows their rates.
	 * Through Micrometer's global registry, to which Boot binds the application's registries.
	 */
	public static void count(String event, String reason) {
		Metrics.counter(METER, "event", event, "reason", reason == null ? "none" : reason).increment();
	}

	/**
	 * The security events a module raises and counts ({@link #count}), contributed as a bean so that
	 * their counters are registered up front on the instances that run the module.
	 */
	public record Counted(List<String> events) {

		public Counted {
			events = List.copyOf(events);
		}
	}

	/**
	 * Registers the counters of the platform's events and the {@code contributed} ones up front, so that
	 * dashboards and alerts find the series before the first event.
	 */
	public static void register(MeterRegistry registry, List<Counted> contributed) {
		List<String> events = new ArrayList<>(COUNTED);
		contributed.forEach(counted -> events.addAll(counted.events()));
		for (String event : events) {
			Counter.builder(METER).description("Security events, by event name and reason (docs/ops/README.md)")
				.tag("event", event)
				.tag("reason", "none")
				.register(registry);
		}
	}

	/**
	 * The client address of the request being served on this thread (trusted proxies only, as the
	 * rate limits see it), for a security event's line; {@code null} outside a request.
	 */
	public static String clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object address = attributes == null ? null
				: attributes.getAttribute(CLIENT_ADDRESS_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		return address == null ? null : address.toString();
	}
}
