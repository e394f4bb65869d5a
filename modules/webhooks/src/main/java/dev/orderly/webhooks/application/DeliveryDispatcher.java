package dev.orderly.webhooks.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.notifications.events.AdministratorNoticeRequested;
import dev.orderly.platform.Ids;
import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.persistence.Deliveries;
import dev.orderly.webhooks.persistence.Endpoints;

/**
 * Sends due deliveries, separately from the listeners that record them. One run:
 * <ol>
 * <li>deliveries this instance left {@code SENDING} when its previous run failed (the database went
 * away before their outcome was recorded: {@code event=webhook.outcome_not_recorded}) are due again at
 * once; deliveries left {@code SENDING} by an instance whose heartbeat lapsed (it was killed), or past
 * their lease (a hung attempt), are due again: resent with the same {@code webhook-id}
 * (at-least-once; only the attempt in flight can be duplicated);</li>
 * <li>then {@code senders} virtual threads drain the due deliveries side by side: each claims one
 * ({@code FOR UPDATE SKIP LOCKED}, committed as {@code SENDING} with this instance as its claimer
 * before the HTTP call, so that instances never send the same attempt in parallel), posts it through
 * the {@link WebhookSender} and records the outcome: {@code DELIVERED}; a retry after exponential
 * back-off with jitter or after the receiver's {@code Retry-After}; or {@code DEAD} once the retry
 * window passed, the receiver refused it for good, or the target is not allowed.</li>
 * </ol>
 * Each failure marks the endpoint failing; one failing longer than {@code disable-after}, or answering
 * 410 Gone, is disabled and the administrators are told: in the app (an
 * {@code AdministratorNoticeRequested} to the notifications module, published in the transaction that
 * disables it), by a warning log line and by {@code orderly.webhooks.endpoints.disabled}, which an alert
 * watches. No transaction is open
 * during an HTTP call. A database error ends the run; the next run starts over.
 */
@Component
public class DeliveryDispatcher {

	private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

	/**
	 * How long one run may drain before the next one starts over (lease housekeeping first): short, so
	 * that a dead instance's attempts are taken over within seconds of its heartbeat lapsing even while
	 * a backlog drains (with 30 s, CrashSafetyTests saw the take-over 26 s after the kill).
	 */
	private static final Duration MAX_RUN = Duration.ofSeconds(5);

	private static final ThreadFactory SENDERS = Thread.ofVirtual().name("webhook-sender-", 1).factory();

	private final Deliveries deliveries;

	private final Endpoints endpoints;

	private final WebhookSender sender;

	private final WebhookMetrics metrics;

	private final WebhooksProperties properties;

	private final Backoff backoff;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	DeliveryDispatcher(Deliveries deliveries, Endpoints endpoints, WebhookSender sender, WebhookMetrics metrics,
			WebhooksProperties properties, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.events = events;
		this.transactions = transactions;
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.sender = sender;
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = new Backoff(properties.dispatch().backoffBase(), properties.dispatch().backoffMax());
		this.clock = clock;
	}

	/** One run; returns how many deliveries were attempted. */
	public int dispatchDue() {
		AtomicInteger attempted = new AtomicInteger();
		try {
			int own = deliveries.releaseOwn(now());
			if (own > 0) {
				BusinessEvent.of("webhook.retried").with("trigger", "run-failed").with("count", own).log(LOG, Level.WARN);
				for (int i = 0; i < own; i++) {
					metrics.outcome(WebhookMetrics.RETRIED);
				}
			}
			int released = deliveries.releaseAbandoned(properties.dispatch().instanceLease(), now());
			if (released > 0) {
				BusinessEvent.of("webhook.retried").with("trigger", "lease").with("count", released).log(LOG, Level.WARN);
				for (int i = 0; i < released; i++) {
					metrics.outcome(WebhookMetrics.RETRIED);
				}
			}
			long deadline = System.nanoTime() + MAX_RUN.toNanos();
			if (sendNext(attempted)) {
				drain(deadline, attempted);
			}
		}
		catch (DataAccessException ex) {
			LOG.warn("Webhook dispatch stopped after {} attempt(s): database unavailable ({})", attempted.get(),
					ex.getClass().getSimpleName());
		}
		return attempted.get();
	}

	private void drain(long deadline, AtomicInteger attempted) {
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		try (ExecutorService workers = Executors.newThreadPerTaskExecutor(SENDERS)) {
			for (int i = 0; i < properties.dispatch().senders(); i++) {
				workers.execute(() -> {
					try {
						while (System.nanoTime() < deadline && sendNext(attempted)) {
							// the next one
						}
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
					}
				});
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
	}

	private boolean sendNext(AtomicInteger attempted) {
		Optional<Delivery> next = deliveries.claimNextDue(properties.dispatch().lease(), now());
		if (next.isEmpty()) {
			return false;
		}
		attempted.incrementAndGet();
		Delivery delivery = next.get();
		Optional<Endpoint> endpoint = endpoints.find(delivery.endpointId());
		if (endpoint.isEmpty()) {
			return true; // deleted meanwhile, with its deliveries
		}
		deliver(endpoint.get(), delivery);
		return true;
	}

	private void deliver(Endpoint endpoint, Delivery delivery) {
		WebhookSender.Attempt attempt = sender.send(endpoint, delivery);
		metrics.attempt(attempt.result() == WebhookSender.Result.DELIVERED, attempt.latency());
		try {
			record(endpoint, delivery, attempt);
		}
		catch (DataAccessException ex) {
			// sent, but not recorded: the next run sends it again (same webhook-id), a possible duplicate
			event("webhook.outcome_not_recorded", endpoint, delivery, attempt).log(LOG, Level.WARN);
			throw ex;
		}
	}

	private void record(Endpoint endpoint, Delivery delivery, WebhookSender.Attempt attempt) {
		Instant now = now();
		switch (attempt.result()) {
			case DELIVERED -> {
				if (deliveries.markDelivered(delivery, attempt.status(), now)) {
					endpoints.succeeded(endpoint.id());
					metrics.outcome(WebhookMetrics.DELIVERED);
					event("webhook.delivered", endpoint, delivery, attempt).log(LOG, Level.INFO);
				}
			}
			// the endpoint's state first, so that whoever sees the delivery's outcome sees the endpoint's too
			case GONE -> {
				failed(endpoint, delivery, attempt, false);
				disable(endpoint, "The receiver answered 410 Gone", "gone", now);
				dead(endpoint, delivery, attempt, now);
			}
			case REFUSED -> {
				failed(endpoint, delivery, attempt, false);
				failing(endpoint, now);
				dead(endpoint, delivery, attempt, now);
			}
			case RETRYABLE -> {
				failed(endpoint, delivery, attempt, true);
				failing(endpoint, now);
				if (!now.isBefore(delivery.retryUntil())) {
					dead(endpoint, delivery, attempt, now);
				}
				else {
					retry(endpoint, delivery, attempt, now);
				}
			}
		}
	}

	private void failed(Endpoint endpoint, Delivery delivery, WebhookSender.Attempt attempt, boolean retryable) {
		metrics.outcome(WebhookMetrics.FAILED);
		event("webhook.failed", endpoint, delivery, attempt).with("retryable", retryable).log(LOG, Level.INFO);
	}

	private void retry(Endpoint endpoint, Delivery delivery, WebhookSender.Attempt attempt, Instant now) {
		Duration delay = backoff.after(delivery.attempts());
		if (attempt.retryAfter() != null) {
			Duration max = properties.dispatch().backoffMax();
			delay = attempt.retryAfter().compareTo(max) > 0 ? max : attempt.retryAfter();
		}
		Instant next = now.plus(delay);
		if (deliveries.scheduleRetry(delivery, attempt.status(), attempt.error(), next, now)) {
			metrics.outcome(WebhookMetrics.RETRIED);
			event("webhook.retried", endpoint, delivery, attempt)
				.with("trigger", attempt.retryAfter() != null ? "retry-after" : "backoff")
				.with("nextAttemptAt", next)
				.log(LOG, Level.INFO);
		}
	}

	private void dead(Endpoint endpoint, Delivery delivery, WebhookSender.Attempt attempt, Instant now) {
		if (deliveries.markDead(delivery, attempt.status(), attempt.error(), now)) {
			metrics.outcome(WebhookMetrics.DEAD);
			event("webhook.dead", endpoint, delivery, attempt).log(LOG, Level.WARN);
		}
	}

	/** The endpoint failed again: disabled when it has been failing for longer than {@code disable-after}. */
	private void failing(Endpoint endpoint, Instant now) {
		Instant since = endpoints.failing(endpoint.id(), now);
		if (!now.isBefore(since.plus(properties.disableAfter()))) {
			disable(endpoint, "Failing continuously since " + since, "failing", now);
		}
	}

	/**
	 * Disables the endpoint unless it already is, and in the same transaction asks notifications to tell
	 * every administrator in the app (through its contract; the event publication registry delivers it
	 * at least once).
	 */
	private void disable(Endpoint endpoint, String reason, String metricReason, Instant now) {
		Boolean disabled = transactions.execute(status -> {
			if (!endpoints.disableIfEnabled(endpoint.id(), reason, now)) {
				return false;
			}
			events.publishEvent(disabledNotice(endpoint, reason, now));
			return true;
		});
		if (Boolean.TRUE.equals(disabled)) {
			metrics.endpointDisabled(metricReason);
			// the administrators' cue (with the metric and its alert): check the receiver, then enable it again
			BusinessEvent.of("webhook.endpoint_disabled")
				.with("endpointId", endpoint.id())
				.with("reason", metricReason)
				.with("detail", reason)
				.log(LOG, Level.WARN);
		}
	}

	/** What administrators read: never the URL (it may carry a partner's token) nor a secret. */
	static AdministratorNoticeRequested disabledNotice(Endpoint endpoint, String reason, Instant now) {
		String path = "/api/v1/webhook-endpoints/" + endpoint.id();
		String name = endpoint.description() == null || endpoint.description().isBlank() ? ""
				: " (" + endpoint.description() + ")";
		return new AdministratorNoticeRequested(Ids.next(), "webhooks", AdministratorNoticeRequested.WARNING,
				"Webhook endpoint disabled",
				"Webhook endpoint " + endpoint.id() + name + " was disabled: " + reason + ". New order events are "
						+ "not recorded for it and its waiting deliveries are held back. Check the receiver, then "
						+ "enable the endpoint again (POST " + path + "/enable).",
				path, now);
	}

	private static BusinessEvent event(String event, Endpoint endpoint, Delivery delivery,
			WebhookSender.Attempt attempt) {
		return BusinessEvent.of(event)
			.with("webhookId", delivery.webhookId())
			.with("endpointId", endpoint.id())
			.with("eventType", delivery.eventType())
			.with("attempt", delivery.attempts())
			.with("status", attempt.status())
			.with("error", attempt.error())
			.with("latencyMs", attempt.latency().toMillis());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
