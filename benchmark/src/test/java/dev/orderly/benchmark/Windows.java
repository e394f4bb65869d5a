package dev.orderly.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import io.gatling.javaapi.core.Session;

/**
 * The soak's figures per window (run.sh's soak mode): each measured response's time in whole
 * milliseconds goes into the current window's histogram; at the end of each window one line is
 * appended to {@code BENCH_WINDOWS_FILE}: window number, start and end (epoch ms), requests, errors,
 * p50, p99 and max (ms). Exact percentiles (a count per millisecond up to a minute), no sampling.
 */
final class Windows {

	private static final int BUCKETS = 60_001;

	private static volatile Window current;

	private static ScheduledExecutorService clock;

	private static int number;

	private static long lengthMillis;

	private Windows() {
	}

	private record Window(long start, AtomicLongArray counts, AtomicLongArray errors) {

		static Window startingNow() {
			return new Window(System.currentTimeMillis(), new AtomicLongArray(BUCKETS), new AtomicLongArray(1));
		}
	}

	static boolean enabled() {
		return !BenchConfig.WINDOWS_FILE.isBlank();
	}

	/** Starts the first window and the clock that closes each. */
	static synchronized void start(Duration length) {
		if (!enabled() || clock != null) {
			return;
		}
		current = Window.startingNow();
		lengthMillis = length.toMillis();
		clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "soak-windows");
			thread.setDaemon(true);
			return thread;
		});
		clock.scheduleAtFixedRate(Windows::rotate, length.toMillis(), length.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Closes the last window when it is at least half a window long; a shorter one (the users' set-up
	 * before the first window made the run a little longer than the windows) is left out.
	 */
	static synchronized void stop() {
		if (clock == null) {
			return;
		}
		clock.shutdownNow();
		if (System.currentTimeMillis() - current.start() >= lengthMillis / 2) {
			rotate();
		}
		clock = null;
	}

	/**
	 * After a measured request (its check saved {@code rt}): counts it in the current window, a failed
	 * one as an error, and marks the session as succeeded again so the user goes on.
	 */
	static Session record(Session session) {
		Window window = current;
		if (window != null) {
			if (session.contains("rt")) {
				int ms = Math.min(session.getInt("rt"), BUCKETS - 1);
				window.counts().incrementAndGet(Math.max(ms, 0));
			}
			if (session.isFailed()) {
				window.errors().incrementAndGet(0);
			}
		}
		return session.remove("rt").markAsSucceeded();
	}

	private static synchronized void rotate() {
		Window closed = current;
		current = Window.startingNow();
		long end = current.start();
		long requests = 0;
		for (int i = 0; i < BUCKETS; i++) {
			requests += closed.counts().get(i);
		}
		String line = "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n".formatted(++number, closed.start(), end, requests,
				closed.errors().get(0), percentile(closed, requests, 0.50), percentile(closed, requests, 0.99),
				percentile(closed, requests, 1.0));
		try {
			Files.writeString(Path.of(BenchConfig.WINDOWS_FILE), line, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The smallest time (ms) at or below which a share {@code p} of the window's requests completed. */
	private static int percentile(Window window, long requests, double p) {
		if (requests == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(requests * p));
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += window.counts().get(i);
			if (seen >= rank) {
				return i;
			}
		}
		return BUCKETS - 1;
	}
}
