package dev.orderly.notifications.domain;

import java.time.Duration;

/**
 * Exponential backoff between email attempts: {@code base × 2^(attempt-1)}, capped at {@code max}.
 */
public record Backoff(Duration base, Duration max) {

	/** The delay after the given failed attempt (1 for the first). */
	public Duration after(int attempt) {
		int doublings = Math.max(0, Math.min(attempt - 1, 30));
		Duration delay = base.multipliedBy(1L << doublings);
		return delay.compareTo(max) > 0 ? max : delay;
	}
}
