package dev.orderly.platform;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Security events that every module raises the same way (docs/ops/README.md, "Business and security
 * events"): one INFO line each, its stable event name as the message and its fields as SLF4J key-value
 * pairs (fields of their own in the JSON log formats). Never a password, token or email address.
 */
public final class SecurityEvents {

	/** The security events counted in {@code orderly.security.events{event,reason}} (the dashboard's panels). */
	public static final List<String> COUNTED = List.of("auth.login_failed", "auth.token_refused",
			"auth.refresh_token_reused", "security.access_denied", "security.rate_limited",
			"request.validation_rejected");

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

	/** Registers the counters up front, so that dashboards and alerts find the series before the first event. */
	public static void register(MeterRegistry registry) {
		for (String event : COUNTED) {
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
		org.springframework.web.context.request.RequestAttributes attributes =
				org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
		Object address = attributes == null ? null
				: attributes.getAttribute(CLIENT_ADDRESS_ATTRIBUTE,
						org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
		return address == null ? null : address.toString();
	}

	/**
	 * {@code auth.login_failed}: a login was refused for {@code reason} ({@code unknown_account},
	 * {@code wrong_password}); the user's id when the account exists. Never the address or password.
	 */
	public static void loginFailed(String reason, Object userId) {
		count("auth.login_failed", reason);
		LOG.atInfo().setMessage("auth.login_failed")
			.addKeyValue("reason", reason)
			.addKeyValue("userId", userId)
			.addKeyValue("clientAddress", clientAddress())
			.log();
	}
}
