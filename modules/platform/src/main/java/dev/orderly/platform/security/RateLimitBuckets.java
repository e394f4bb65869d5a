package dev.orderly.platform.security;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;

import dev.orderly.platform.security.RateLimitProperties.Policy;

/**
 * The token buckets, kept in PostgreSQL ({@code rate_limit_buckets}, one row per key, locked with
 * {@code SELECT ... FOR UPDATE}) so that every instance of the application draws from the same
 * buckets.
 * <p>
 * <b>Local consumption, batched synchronisation.</b> A policy whose capacity allows it is
 * served with Bucket4j's delaying optimisation: each instance keeps a local copy of a busy
 * bucket and hands out up to {@link Limit#localTokens()} tokens ({@code capacity × sync-tolerance},
 * rounded down) without asking the store, then writes what it consumed and reads the shared state
 * back in one round trip; it also synchronises before using a local copy older than
 * {@code sync-interval}. One instance alone is exact; with N instances a caller can get at most
 * {@code N × localTokens} requests more than the limit, because each instance may be that far
 * behind the others. The strict policies, and any policy too small for a local share
 * ({@code localTokens == 0}), ask the store on every request, exactly as before. The optimised
 * proxies are kept in a bounded local cache; one that is evicted, or still holds local
 * consumption at shut-down, writes it back first.
 * <p>
 * When the database cannot be reached the limiter <em>fails open</em>: the request goes on
 * unlimited (with a warning in the log) and the store is not tried again for
 * {@code storeRetryInterval}, so that an outage costs no extra connection timeout per request.
 * Every endpoint worth attacking needs the database itself and answers 503 during the outage.
 */
class RateLimitBuckets implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> store;

	private final long retryIntervalNanos;

	private final Duration syncInterval;

	private final double syncTolerance;

	/** Proxies of optimised buckets: they carry the local state, so they must be reused. */
	private final Cache<String, BucketProxy> localBuckets;

	/** {@link System#nanoTime()} until which the store is not tried; meaningful while {@link #storeDown}. */
	private volatile long unavailableUntilNanos;

	private volatile boolean storeDown;

	RateLimitBuckets(DataSource dataSource, RateLimitProperties properties) {
		this.retryIntervalNanos = properties.storeRetryInterval().toNanos();
		this.syncInterval = properties.syncInterval();
		this.syncTolerance = properties.syncTolerance();
		this.store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_buckets")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.addCustomColumn(new UpdatedAtColumn())
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build();
		this.localBuckets = Caffeine.newBuilder()
			.maximumSize(properties.localBuckets())
			.expireAfterAccess(Duration.ofMinutes(10))
			.<String, BucketProxy>removalListener((id, bucket, cause) -> {
				if (bucket != null && cause != RemovalCause.REPLACED) {
					writeBack(bucket);
				}
			})
			.build();
	}

	/**
	 * Prepares {@code policy} for the hot path: the bucket configuration, the optimisation and the
	 * id suffix are built once here, not per request.
	 *
	 * @param local whether instances may consume locally between synchronisations (up to
	 * {@code capacity × sync-tolerance}); {@code false} asks the store on every request
	 */
	Limit limit(String name, Policy policy, boolean local) {
		long localTokens = local ? (long) Math.floor(policy.capacity() * syncTolerance) : 0;
		Optimization optimization = localTokens > 0
				? Optimizations.delaying(new DelayParameters(localTokens, syncInterval)) : null;
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(limit -> limit.capacity(policy.capacity()).refillGreedy(policy.capacity(), policy.window()))
			.build();
		String policyHeader = "\"" + name + "\";q=" + policy.capacity() + ";w=" + policy.window().toSeconds();
		return new Limit(name, policy, policyHeader, "|" + policy.capacity() + "/" + policy.window().toMillis(),
				() -> configuration, optimization, localTokens);
	}

	/**
	 * Takes one token from the bucket {@code key} of {@code limit}; empty when the store is
	 * unavailable (the request is then not limited).
	 */
	Optional<ConsumptionProbe> tryConsume(String key, Limit limit) {
		if (storeDown && System.nanoTime() - unavailableUntilNanos < 0) {
			return Optional.empty();
		}
		try {
			ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
			if (storeDown) {
				storeDown = false;
			}
			return Optional.of(probe);
		}
		catch (RuntimeException ex) {
			storeUnavailable(ex);
			return Optional.empty();
		}
	}

	/** Gives a token back, e.g. for a login attempt that turned out to be successful. */
	void refund(String key, Limit limit) {
		if (storeDown && System.nanoTime() - unavailableUntilNanos < 0) {
			return;
		}
		try {
			// Adding tokens always goes to the store at once, optimised bucket or not.
			bucket(key, limit).addTokens(1);
		}
		catch (RuntimeException ex) {
			storeUnavailable(ex);
		}
	}

	private BucketProxy bucket(String key, Limit limit) {
		String id = key + limit.idSuffix();
		if (limit.optimization() == null) {
			// An unoptimised proxy is a cheap, stateless view: build, use and forget.
			return store.builder().build(id, limit.configuration());
		}
		return localBuckets.get(id,
				ignored -> store.builder().withOptimization(limit.optimization()).build(id, limit.configuration()));
	}

	private void storeUnavailable(RuntimeException ex) {
		unavailableUntilNanos = System.nanoTime() + retryIntervalNanos;
		storeDown = true;
		log.warn("Rate limit store unavailable, requests pass unlimited for {}: {}",
				Duration.ofNanos(retryIntervalNanos), ex.toString());
	}

	/** Writes a bucket's local consumption, if any, to the store. */
	private void writeBack(BucketProxy bucket) {
		try {
			bucket.getOptimizationController().syncByCondition(1, Duration.ZERO);
		}
		catch (RuntimeException ex) {
			log.debug("Could not write local rate limit consumption back: {}", ex.toString());
		}
	}

	/** Writes the local consumption of every optimised bucket back before the instance goes away. */
	@Override
	public void destroy() {
		localBuckets.asMap().values().forEach(this::writeBack);
		localBuckets.asMap().clear();
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
				batch = store.removeExpired(1000);
			}
			while (batch == 1000);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove expired rate limit buckets: {}", ex.toString());
		}
	}

	/**
	 * A policy as the hot path needs it.
	 *
	 * @param name the policy's name in the {@code RateLimit*} headers
	 * @param policy capacity and window
	 * @param policyHeader its item of the {@code RateLimit-Policy} header
	 * @param idSuffix appended to every bucket key: the policy's capacity and window are part of the
	 * bucket id, so changing a limit starts fresh buckets instead of silently keeping the old
	 * configuration stored with the old ones
	 * @param configuration the bucket configuration, built once
	 * @param optimization Bucket4j's delaying optimisation, or {@code null} when every request asks
	 * the store
	 * @param localTokens how many tokens an instance may hand out between two synchronisations
	 */
	record Limit(String name, Policy policy, String policyHeader, String idSuffix, Supplier<BucketConfiguration> configuration,
			Optimization optimization, long localTokens) {
	}

	private static final class UpdatedAtColumn implements CustomColumnProvider<String> {

		@Override
		public void setCustomField(String key, int index, PreparedStatement statement, RemoteBucketState state,
				long currentTimeNanos) throws SQLException {
			statement.setTimestamp(index, Timestamp.from(Instant.now()));
		}

		@Override
		public String getCustomFieldName() {
			return "updated_at";
		}
	}
}
