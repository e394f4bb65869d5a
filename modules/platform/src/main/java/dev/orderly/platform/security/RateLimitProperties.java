package dev.orderly.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Rate limits ({@code orderly.rate-limit.*}): token buckets of {@code capacity} requests refilled
 * evenly over {@code window}, stored in PostgreSQL so that they hold across instances (each instance
 * consuming locally between batched synchronisations, see {@link RateLimitBuckets}). The
 * {@code default} policy ({@code api}) is the platform's; the stricter policies of a module's
 * endpoints are {@link RateLimitPolicy} beans of that module, with their defaults, and are set the
 * same way under their name, e.g. {@code orderly.rate-limit.login.capacity=5} ({@link #policy}).
 *
 * @param enabled whether requests are limited at all
 * @param api every endpoint, per user when authenticated, per client address otherwise
 * @param storeRetryInterval how long requests pass unlimited after the bucket store (the
 * database) failed, before it is tried again
 * @param syncTolerance the share of a policy's capacity that an instance may hand out on its own
 * between two synchronisations with the store (0.1: a 300-request policy syncs every 30 requests
 * per bucket); a policy whose share rounds down to 0 asks the store on every request, and 0 turns
 * local consumption off altogether. See docs/adr/0014.
 * @param syncInterval the longest an instance uses its local copy of a bucket before it
 * synchronises with the store again
 * @param localBuckets how many buckets with a local copy an instance keeps (least recently used
 * ones are written back and dropped beyond that)
 */
@ConfigurationProperties("orderly.rate-limit")
record RateLimitProperties(Boolean enabled, Policy api, Duration storeRetryInterval, Double syncTolerance,
		Duration syncInterval, Integer localBuckets) {

	RateLimitProperties {
		enabled = enabled == null || enabled;
		api = Policy.orDefault(api, 300, Duration.ofMinutes(1));
		storeRetryInterval = storeRetryInterval == null ? Duration.ofSeconds(5) : storeRetryInterval;
		syncTolerance = syncTolerance == null ? 0.1 : syncTolerance;
		if (!(syncTolerance >= 0 && syncTolerance < 1)) {
			throw new IllegalArgumentException("orderly.rate-limit.sync-tolerance must be at least 0 and below 1");
		}
		syncInterval = syncInterval == null || !syncInterval.isPositive() ? Duration.ofSeconds(5) : syncInterval;
		localBuckets = localBuckets == null || localBuckets <= 0 ? 10_000 : localBuckets;
	}

	/**
	 * The limits of a module's policy {@code name}: {@code orderly.rate-limit.<name>.capacity} and
	 * {@code .window} where set, the module's defaults otherwise.
	 */
	static Policy policy(Environment environment, String name, long capacity, Duration window) {
		Policy configured = Binder.get(environment).bind("orderly.rate-limit." + name, Policy.class).orElse(null);
		return Policy.orDefault(configured, capacity, window);
	}

	/** {@code capacity} requests per {@code window}; a value left unset takes the policy's default. */
	record Policy(long capacity, Duration window) {

		static Policy orDefault(Policy configured, long capacity, Duration window) {
			if (configured == null) {
				return new Policy(capacity, window);
			}
			return new Policy(configured.capacity() > 0 ? configured.capacity() : capacity,
					configured.window() != null && configured.window().isPositive() ? configured.window() : window);
		}
	}
}
