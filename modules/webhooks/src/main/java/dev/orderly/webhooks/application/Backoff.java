package dev.orderly.webhooks.application;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter between attempts: {@code base × 2^(attempt-1)}, capped at
 * {@code max}, then a random delay between half of it and all of it, so that the retries of many
 * deliveries that failed together (a receiver's outage) do not arrive together.
 */
record Backoff(Duration base, Duration max) {

	/** The delay before the next attempt after the given failed attempt (1 for the first). */
	Duration after(int attempt) {
		Duration ceiling = ceiling(attempt);
		long half = ceiling.toMillis() / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	/** The delay without jitter. */
	Duration ceiling(int attempt) {
		int doublings = Math.max(0, Math.min(attempt - 1, 30));
		Duration delay = base.multipliedBy(1L << doublings);
		return delay.compareTo(max) > 0 ? max : delay;
	}
}
