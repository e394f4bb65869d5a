package dev.orderly.notifications.application;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.orderly.notifications.persistence.Notifications.EmailBacklog;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.platform.BacklogGauges;

/**
 * The email outbox backlog, for saturation dashboards and alerts (docs/ops): emails waiting to be
 * sent ({@code orderly.notifications.outbox.pending}: pending, being sent, or waiting for their
 * recipient's address), dead letters ({@code orderly.notifications.outbox.failed}) and the age of
 * the oldest waiting email ({@code orderly.notifications.outbox.oldest.pending.age}, seconds; 0 when
 * none waits). Read-only, one query ({@link Notifications#emailBacklog()}) per scrape at most every
 * 5 s. The module that owns the table measures it (ADR 0033; it was in the composition root, ADR 0023).
 */
public final class NotificationBacklogMetrics implements MeterBinder {

	private final BacklogGauges<EmailBacklog> backlog;

	public NotificationBacklogMetrics(Notifications notifications) {
		this.backlog = new BacklogGauges<>("the email outbox", notifications::emailBacklog, Duration.ofSeconds(5));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("orderly.notifications.outbox.pending", this, backlog.reading(EmailBacklog::pending))
			.description("Emails waiting to be sent (pending, sending, awaiting their recipient)")
			.register(registry);
		Gauge.builder("orderly.notifications.outbox.failed", this, backlog.reading(EmailBacklog::failed))
			.description("Emails that failed for good (dead letters an administrator can retry)")
			.register(registry);
		Gauge.builder("orderly.notifications.outbox.oldest.pending.age", this,
				backlog.reading(EmailBacklog::oldestPendingAgeSeconds))
			.description("Age of the oldest email waiting to be sent")
			.baseUnit("seconds")
			.register(registry);
	}
}
