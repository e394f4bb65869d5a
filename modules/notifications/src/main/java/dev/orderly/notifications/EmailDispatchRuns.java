package dev.orderly.notifications;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link EmailDispatcher} on a thread of its own, {@code orderly.notifications.dispatch.interval}
 * after the end of the previous run, as Spring's scheduler did. Starting the next run at once after
 * a run that reached its cap delivered emails faster, but takes that CPU from requests while a
 * backlog drains, and the benchmark did not show it paying for that (ADR 0029).
 * <p>
 * Not on the application's scheduler: with virtual threads Spring's scheduler runs every
 * fixed-delay task on its one scheduler thread, so a run draining a backlog of emails held up the
 * others — among them the 500 ms refresh of revoked sessions, whose bound of one second across
 * instances (ADR 0015) then stretched to the length of the run, up to ten seconds.
 */
@Component
class EmailDispatchRuns implements SmartLifecycle {

	private static final Logger LOG = LoggerFactory.getLogger(EmailDispatchRuns.class);

	private final EmailDispatcher dispatcher;

	private final NotificationProperties properties;

	/** New at every start (a stopped context may be started again, e.g. by the test framework). */
	private ScheduledExecutorService runs;

	EmailDispatchRuns(EmailDispatcher dispatcher, NotificationProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (runs == null) {
			long interval = properties.dispatch().interval().toMillis();
			runs = Executors.newSingleThreadScheduledExecutor(
					Thread.ofPlatform().daemon().name("orderly-email-dispatch").factory());
			runs.scheduleWithFixedDelay(this::dispatch, interval, interval, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (runs != null) {
			runs.shutdownNow();
			runs = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return runs != null;
	}

	void dispatch() {
		try {
			dispatcher.dispatchDue();
		}
		catch (RuntimeException ex) {
			// A failed run must not end the schedule (a scheduled executor stops a task that throws).
			LOG.error("Email dispatch run failed; the next one follows in {}", properties.dispatch().interval(), ex);
		}
	}
}
