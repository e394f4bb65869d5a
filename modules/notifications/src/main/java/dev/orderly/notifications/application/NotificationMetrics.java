package dev.orderly.notifications.application;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Business metrics of delivery: {@code orderly.notifications.sent|failed|retried} and
 * {@code orderly.notifications.delivery.lag} (from the source event to the email being sent).
 * Works without a {@link MeterRegistry} bean (module tests) by recording into a local one.
 */
@Component
class NotificationMetrics {

	private final MeterRegistry registry;

	private final Counter sent;

	private final Counter failed;

	private final Timer lag;

	NotificationMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
		this.sent = Counter.builder("orderly.notifications.sent").description("Emails sent").register(this.registry);
		this.failed = Counter.builder("orderly.notifications.failed")
			.description("Emails that failed for good (dead letters)")
			.register(this.registry);
		this.lag = Timer.builder("orderly.notifications.delivery.lag")
			.description("Time from the source event to the email being sent")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(this.registry);
	}

	void sent(Duration sinceEvent) {
		sent.increment();
		lag.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
	}

	void failed() {
		failed.increment();
	}

	/** An email is scheduled again: {@code trigger} is {@code backoff} or {@code admin}. */
	void retried(String trigger) {
		Counter.builder("orderly.notifications.retried")
			.description("Emails scheduled for another attempt")
			.tag("trigger", trigger)
			.register(registry)
			.increment();
	}

	MeterRegistry registry() {
		return registry;
	}
}
