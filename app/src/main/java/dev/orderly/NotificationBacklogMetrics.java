package dev.orderly;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.orderly.platform.BacklogGauges;

/**
 * The email outbox backlog, for saturation dashboards and alerts (docs/ops): emails waiting to be
 * sent ({@code orderly.notifications.outbox.pending}: pending, being sent, or waiting for their
 * recipient's address), dead letters ({@code orderly.notifications.outbox.failed}) and the age of
 * the oldest waiting email ({@code orderly.notifications.outbox.oldest.pending.age}, seconds; 0 when
 * none waits). Read-only, one query per scrape at most every 5 s; kept in the composition root so
 * the notifications module carries no metrics plumbing of this kind (docs/adr/0023).
 */
final class NotificationBacklogMetrics implements MeterBinder {

	private final BacklogGauges<Backlog> backlog;

	NotificationBacklogMetrics(JdbcClient jdbc) {
		this.backlog = new BacklogGauges<>("the email outbox", () -> jdbc.sql("""
				SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDING', 'AWAITING_RECIPIENT')) AS pending,
				       count(*) FILTER (WHERE status = 'FAILED') AS failed,
				       COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)
				           FILTER (WHERE status IN ('PENDING', 'SENDING', 'AWAITING_RECIPIENT'))), 0) AS oldest_age
				FROM notifications.notifications
				WHERE channel = 'EMAIL' AND status IN ('PENDING', 'SENDING', 'AWAITING_RECIPIENT', 'FAILED')
				""")
			.query((rs, row) -> new Backlog(rs.getLong("pending"), rs.getLong("failed"), rs.getDouble("oldest_age")))
			.single(), Duration.ofSeconds(5));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("orderly.notifications.outbox.pending", this, backlog.reading(Backlog::pending))
			.description("Emails waiting to be sent (pending, sending, awaiting their recipient)")
			.register(registry);
		Gauge.builder("orderly.notifications.outbox.failed", this, backlog.reading(Backlog::failed))
			.description("Emails that failed for good (dead letters an administrator can retry)")
			.register(registry);
		Gauge.builder("orderly.notifications.outbox.oldest.pending.age", this,
				backlog.reading(Backlog::oldestPendingAgeSeconds))
			.description("Age of the oldest email waiting to be sent")
			.baseUnit("seconds")
			.register(registry);
	}

	record Backlog(long pending, long failed, double oldestPendingAgeSeconds) {
	}
}
