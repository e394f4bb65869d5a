package dev.orderly.platform.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

import dev.orderly.platform.security.RateLimitProperties.Policy;

/**
 * The token buckets, kept in PostgreSQL ({@code rate_limit_buckets}, one row per key, locked with
 * {@code SELECT ... FOR UPDATE}) so that every instance of the application draws from the same
 * buckets.
 * <p>
 * When the database cannot be reached the limiter <em>fails open</em>: the request goes on
 * unlimited (with a warning in the log) and the store is not tried again for
 * {@code storeRetryInterval}, so that an outage costs no extra connection timeout per request.
 * Every endpoint worth attacking needs the database itself and answers 503 during the outage.
 */
class RateLimitBuckets {

	private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final Clock clock;

	private final Duration retryInterval;

	private final AtomicReference<Instant> unavailableUntil = new AtomicReference<>(Instant.MIN);

	RateLimitBuckets(DataSource dataSource, Clock clock, Duration retryInterval) {
		this.clock = clock;
		this.retryInterval = retryInterval;
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_buckets")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.addCustomColumn(new UpdatedAtColumn())
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build();
	}

	/**
	 * Takes one token from the bucket {@code key} of {@code policy}; empty when the store is
	 * unavailable (the request is then not limited).
	 */
	Optional<ConsumptionProbe> tryConsume(String key, Policy policy) {
		return withStore(() -> buckets.builder().build(bucketId(key, policy), () -> configuration(policy))
			.tryConsumeAndReturnRemaining(1));
	}

	/** Gives a token back, e.g. for a login attempt that turned out to be successful. */
	void refund(String key, Policy policy) {
		withStore(() -> {
			buckets.builder().build(bucketId(key, policy), () -> configuration(policy)).addTokens(1);
			return Boolean.TRUE;
		});
	}

	/**
	 * Deletes buckets that have been full again for a while. Safe on every instance at once: the
	 * rows are taken with {@code FOR UPDATE SKIP LOCKED}.
	 */
	@Scheduled(fixedDelayString = "${orderly.rate-limit.cleanup-interval:PT10M}",
			initialDelayString = "${orderly.rate-limit.cleanup-interval:PT10M}")
	void removeExpired() {
		try {
			int batch;
			do {
				batch = buckets.removeExpired(1000);
			}
			while (batch == 1000);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove expired rate limit buckets: {}", ex.toString());
		}
	}

	private <T> Optional<T> withStore(java.util.function.Supplier<T> action) {
		Instant now = clock.instant();
		if (now.isBefore(unavailableUntil.get())) {
			return Optional.empty();
		}
		try {
			return Optional.of(action.get());
		}
		catch (RuntimeException ex) {
			unavailableUntil.set(now.plus(retryInterval));
			log.warn("Rate limit store unavailable, requests pass unlimited for {}: {}", retryInterval, ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * The policy's capacity and window are part of the bucket id: changing a limit starts fresh
	 * buckets instead of silently keeping the old configuration stored with the old ones.
	 */
	private static String bucketId(String key, Policy policy) {
		return key + "|" + policy.capacity() + "/" + policy.window().toMillis();
	}

	private static BucketConfiguration configuration(Policy policy) {
		return BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(policy.capacity()).refillGreedy(policy.capacity(), policy.window()))
			.build();
	}

	private static final class UpdatedAtColumn implements CustomColumnProvider<String> {

		@Override
		public void setCustomField(String key, int index, java.sql.PreparedStatement statement,
				io.github.bucket4j.distributed.remote.RemoteBucketState state, long currentTimeNanos)
				throws java.sql.SQLException {
			statement.setTimestamp(index, Timestamp.from(Instant.now()));
		}

		@Override
		public String getCustomFieldName() {
			return "updated_at";
		}
	}
}
