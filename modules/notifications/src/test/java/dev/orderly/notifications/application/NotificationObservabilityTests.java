package dev.orderly.notifications.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.WithNotificationsFixture;
import dev.orderly.notifications.domain.NewNotification;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.NotificationStatus;
import dev.orderly.notifications.persistence.Notifications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the module tells operators about its own table (ADR 0033), over real PostgreSQL: the trace
 * context stored with a notification, for the email span, and the email outbox backlog behind the
 * {@code orderly.notifications.outbox.*} gauges.
 */
@ApplicationModuleTest
@WithNotificationsFixture
class NotificationObservabilityTests {

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationBacklogMetrics backlogMetrics;

	@Autowired
	JdbcClient jdbc;

	@Test
	void keepsTheTraceContextOfTheListenerThatRecordedAnEmail() {
		SpanContext listener = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		UUID id;
		try (Scope scope = Context.root().with(Span.wrap(listener)).makeCurrent()) {
			id = recordEmailAwaitingItsRecipient();
		}

		assertThat(notifications.traceparentOf(id)).hasValue("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThat(notifications.traceparentOf(recordEmailAwaitingItsRecipient())).isEmpty();
		assertThat(notifications.traceparentOf(UUID.randomUUID())).isEmpty();
	}

	@Test
	void countsDeadLettersInTheBacklogGauges() {
		long before = notifications.emailBacklog().failed();

		recordFailedEmail();

		Notifications.EmailBacklog backlog = notifications.emailBacklog();
		assertThat(backlog.failed()).isEqualTo(before + 1);
		assertThat(backlog.pending()).isNotNegative();
		assertThat(backlog.oldestPendingAgeSeconds()).isNotNegative();
		MeterRegistry registry = new SimpleMeterRegistry();
		backlogMetrics.bindTo(registry);
		assertThat(registry.get("orderly.notifications.outbox.failed").gauge().value()).isGreaterThanOrEqualTo(before + 1);
		assertThat(registry.get("orderly.notifications.outbox.pending").gauge().value()).isNotNegative();
		assertThat(registry.get("orderly.notifications.outbox.oldest.pending.age").gauge().value()).isNotNegative();
	}

	/**
	 * An email as a listener records it (its origin kept), for a user whose address nobody knows: it
	 * waits for the recipient, so the dispatcher leaves it alone.
	 */
	private UUID recordEmailAwaitingItsRecipient() {
		String dedupKey = "observability-test:" + UUID.randomUUID();
		NewNotification email = new NewNotification(UUID.randomUUID(), Notification.Channel.EMAIL,
				NotificationsFixture.exampleOf(NotificationKind.PASSWORD_CHANGED), NotificationStatus.PENDING, dedupKey,
				null, null, null, null, Instant.now());
		assertThat(notifications.recordAll(List.of(email), null, Duration.ofMinutes(1))).isEmpty();
		return idOf(dedupKey);
	}

	/** A dead letter: the dispatcher leaves it alone, so the counts do not move under the test. */
	private UUID recordFailedEmail() {
		String dedupKey = "observability-test:" + UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO notifications.notifications (id, user_id, channel, kind, status, dedup_key, email, params,
				  event_at, created_at, updated_at)
				VALUES (:id, :userId, 'EMAIL', 'PASSWORD_CHANGED', 'FAILED', :dedupKey, :email, CAST('{}' AS jsonb),
				  now(), now(), now())""")
			.param("id", UUID.randomUUID())
			.param("userId", UUID.randomUUID())
			.param("dedupKey", dedupKey)
			.param("email", NotificationsFixture.unique("observed"))
			.update();
		return idOf(dedupKey);
	}

	private UUID idOf(String dedupKey) {
		return jdbc.sql("SELECT id FROM notifications.notifications WHERE dedup_key = :key")
			.param("key", dedupKey)
			.query(UUID.class)
			.single();
	}
}
