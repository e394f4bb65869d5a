package dev.orderly.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits ({@code orderly.rate-limit.*}): token buckets of {@code capacity} requests refilled
 * evenly over {@code window}, stored in PostgreSQL so that they hold across instances (each instance
 * consuming locally between batched synchronisations, see {@link RateLimitBuckets}). Every
 * policy has a default here; set any of them, e.g. {@code orderly.rate-limit.login.capacity=5}.
 *
 * @param enabled whether requests are limited at all
 * @param api every endpoint, per user when authenticated, per client address otherwise
 * @param login {@code POST /api/v1/auth/login} per client address
 * @param loginAccount {@code POST /api/v1/auth/login} per target e-mail, whatever the client address
 * (addresses are cheap to change); only failed attempts are kept, so a user who knows their
 * password is slowed only while someone is guessing it (one attempt per refill, docs/adr/0034)
 * @param registration {@code POST /api/v1/users} per client address
 * @param verificationEmail {@code POST /api/v1/users/{id}/verification-email} per caller
 * @param passwordReset {@code POST /api/v1/auth/password-reset} and {@code .../confirm} per caller
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
record RateLimitProperties(Boolean enabled, Policy api, Policy login, Policy loginAccount, Policy registration,
		Policy verificationEmail, Policy passwordReset, Duration storeRetryInterval, Double syncTolerance,
		Duration syncInterval, Integer localBuckets) {

	RateLimitProperties {
		enabled = enabled == null || enabled;
		api = Policy.orDefault(api, 300, Duration.ofMinutes(1));
		login = Policy.orDefault(login, 20, Duration.ofMinutes(1));
		loginAccount = Policy.orDefault(loginAccount, 5, Duration.ofMinutes(5));
		registration = Policy.orDefault(registration, 20, Duration.ofHours(1));
		verificationEmail = Policy.orDefault(verificationEmail, 5, Duration.ofHours(1));
		passwordReset = Policy.orDefault(passwordReset, 10, Duration.ofHours(1));
		storeRetryInterval = storeRetryInterval == null ? Duration.ofSeconds(5) : storeRetryInterval;
		syncTolerance = syncTolerance == null ? 0.1 : syncTolerance;
		if (!(syncTolerance >= 0 && syncTolerance < 1)) {
			throw new IllegalArgumentException("orderly.rate-limit.sync-tolerance must be at least 0 and below 1");
		}
		syncInterval = syncInterval == null || !syncInterval.isPositive() ? Duration.ofSeconds(5) : syncInterval;
		localBuckets = localBuckets == null || localBuckets <= 0 ? 10_000 : localBuckets;
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
