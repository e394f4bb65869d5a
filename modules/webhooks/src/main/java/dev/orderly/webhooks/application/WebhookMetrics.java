package dev.orderly.webhooks.application;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.orderly.platform.BacklogGauges;
import dev.orderly.webhooks.persistence.Deliveries;

/**
 * Business metrics of webhook delivery, every series registered at start-up (so alerts and panels
 * see zeros, not gaps):
 * <ul>
 * <li>{@code orderly.webhooks.deliveries{outcome}}: delivered, failed (an attempt), retried
 * (scheduled again: back-off, lease or admin), dead (given up);</li>
 * <li>{@code orderly.webhooks.attempt{result}}: the latency of each HTTP attempt, success or failure;</li>
 * <li>{@code orderly.webhooks.endpoints.disabled{reason}}: gone (410) or failing (too long);</li>
 * <li>{@code orderly.webhooks.outbox.pending} and {@code orderly.webhooks.outbox.oldest.pending.age}
 * (seconds): the backlog of enabled endpoints, one query per scrape at most every 5 s.</li>
 * </ul>
 * Works without a {@link MeterRegistry} bean (module tests) by recording into a local one.
 */
@Component
public class WebhookMetrics {

	public static final String DELIVERED = "delivered";

	public static final String FAILED = "failed";

	public static final String RETRIED = "retried";

	public static final String DEAD = "dead";

	private final MeterRegistry registry;

	WebhookMetrics(ObjectProvider<MeterRegistry> registry, Deliveries deliveries) {
		this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
		for (String outcome : List.of(DELIVERED, FAILED, RETRIED, DEAD)) {
			outcomeCounter(outcome);
		}
		attemptTimer("success");
		attemptTimer("failure");
		disabledCounter("gone");
		disabledCounter("failing");
		BacklogGauges<Deliveries.Backlog> backlog = new BacklogGauges<>("the webhook outbox", deliveries::backlog,
				Duration.ofSeconds(5));
		Gauge.builder("orderly.webhooks.outbox.pending", this, backlog.reading(Deliveries.Backlog::pending))
			.description("Webhook deliveries of enabled endpoints waiting to be sent (pending or being sent)")
			.register(this.registry);
		Gauge.builder("orderly.webhooks.outbox.oldest.pending.age", this,
				backlog.reading(Deliveries.Backlog::oldestPendingAgeSeconds))
			.description("Age of the oldest webhook delivery waiting to be sent")
			.baseUnit("seconds")
			.register(this.registry);
	}

	public void outcome(String outcome) {
		outcomeCounter(outcome).increment();
	}

	void attempt(boolean success, Duration latency) {
		attemptTimer(success ? "success" : "failure").record(latency);
	}

	void endpointDisabled(String reason) {
		disabledCounter(reason).increment();
	}

	MeterRegistry registry() {
		return registry;
	}

	private Counter outcomeCounter(String outcome) {
		return Counter.builder("orderly.webhooks.deliveries")
			.description("Webhook deliveries by outcome: delivered, failed (an attempt), retried, dead")
			.tag("outcome", outcome)
			.register(registry);
	}

	private Timer attemptTimer(String result) {
		return Timer.builder("orderly.webhooks.attempt")
			.description("Latency of one webhook HTTP attempt")
			.tag("result", result)
			.publishPercentileHistogram()
			.register(registry);
	}

	private Counter disabledCounter(String reason) {
		return Counter.builder("orderly.webhooks.endpoints.disabled")
			.description("Webhook endpoints disabled by the dispatcher: gone (410) or failing too long")
			.tag("reason", reason)
			.register(registry);
	}
}
