package dev.orderly.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * A periodic task on a platform thread of its own, {@code interval} after the end of each run,
 * started and stopped with the application context. For work whose timing is a promise — the
 * revocation refresh (ADR 0015) — or that may run long — the email dispatcher: with virtual threads
 * Spring's scheduler runs every fixed-delay task on its one scheduler thread, so one long task
 * there holds up all the others (ADR 0029). A run that throws is logged and the next one follows
 * (a scheduled executor would stop the task).
 */
public final class OwnThreadSchedule implements SmartLifecycle {

	private static final Logger LOG = LoggerFactory.getLogger(OwnThreadSchedule.class);

	private final String threadName;

	private final Duration interval;

	private final Runnable task;

	/** New at every start (a stopped context may be started again, e.g. by the test framework). */
	private ScheduledExecutorService runs;

	/**
	 * @param threadName the thread's name, as thread dumps and logs show it
	 * @param interval the pause after each run, also before the first
	 * @param task one run
	 */
	public OwnThreadSchedule(String threadName, Duration interval, Runnable task) {
		Assert.isTrue(interval.isPositive(), () -> threadName + ": the interval must be positive, was " + interval);
		this.threadName = threadName;
		this.interval = interval;
		this.task = task;
	}

	@Override
	public synchronized void start() {
		if (runs == null) {
			runs = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
			long millis = interval.toMillis();
			runs.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
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

	private void runSafely() {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			LOG.error("A run of {} failed; the next one follows in {}", threadName, interval, ex);
		}
	}
}
