package dev.orderly.platform.security;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.orderly.platform.security.RateLimitBuckets.Limit;
import dev.orderly.platform.security.RateLimitProperties.Policy;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared buckets as two instances of the application see them: two {@link RateLimitBuckets}
 * on one database, each with a connection counter, so that the tests can tell a request served
 * locally from one that went to the store.
 */
@SpringBootTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class RateLimitBucketsTests {

	static final Policy HUNDRED_PER_HOUR = new Policy(100, Duration.ofHours(1));

	@Autowired
	DataSource dataSource;

	@Test
	void servesMostRequestsLocallyAndIsExactOnOneInstance() {
		CountingDataSource counted = new CountingDataSource(dataSource);
		RateLimitBuckets buckets = new RateLimitBuckets(counted, properties(0.1, Duration.ofHours(1)));
		Limit limit = buckets.limit("default", HUNDRED_PER_HOUR, true);
		assertThat(limit.localTokens()).isEqualTo(10);
		String key = newKey();

		int consumed = 0;
		for (int i = 0; i < 110; i++) {
			consumed += buckets.tryConsume(key, limit).orElseThrow().isConsumed() ? 1 : 0;
		}

		assertThat(consumed).isEqualTo(100);
		// a round trip per 11 requests (one synchronised, ten local), not one per request
		assertThat(counted.connections.get()).isBetween(1, 12);
	}

	@Test
	void twoInstancesTogetherPassTheLimitByAtMostTheirLocalShares() {
		RateLimitBuckets one = new RateLimitBuckets(dataSource, properties(0.1, Duration.ofHours(1)));
		RateLimitBuckets two = new RateLimitBuckets(dataSource, properties(0.1, Duration.ofHours(1)));
		Limit limit = one.limit("default", HUNDRED_PER_HOUR, true);
		String key = newKey();

		int consumed = 0;
		for (int i = 0; i < 300; i++) {
			RateLimitBuckets instance = i % 2 == 0 ? one : two;
			consumed += instance.tryConsume(key, limit).orElseThrow().isConsumed() ? 1 : 0;
		}

		// capacity 100; each instance may be up to 10 tokens (its local share) behind the other
		assertThat(consumed).isBetween(100, 100 + 2 * 10);
	}

	@Test
	void asksTheStoreOnEveryRequestWhenThePolicyIsTooSmallForALocalShare() {
		CountingDataSource counted = new CountingDataSource(dataSource);
		RateLimitBuckets one = new RateLimitBuckets(counted, properties(0.1, Duration.ofHours(1)));
		RateLimitBuckets two = new RateLimitBuckets(counted, properties(0.1, Duration.ofHours(1)));
		Limit limit = one.limit("default", new Policy(5, Duration.ofHours(1)), true);
		assertThat(limit.localTokens()).isZero();
		String key = newKey();

		int consumed = 0;
		for (int i = 0; i < 10; i++) {
			RateLimitBuckets instance = i % 2 == 0 ? one : two;
			consumed += instance.tryConsume(key, limit).orElseThrow().isConsumed() ? 1 : 0;
		}

		assertThat(consumed).isEqualTo(5);
		assertThat(counted.connections.get()).isGreaterThanOrEqualTo(10);
	}

	@Test
	void keepsStrictPoliciesExactWhateverTheirCapacity() {
		CountingDataSource counted = new CountingDataSource(dataSource);
		RateLimitBuckets one = new RateLimitBuckets(counted, properties(0.1, Duration.ofHours(1)));
		RateLimitBuckets two = new RateLimitBuckets(counted, properties(0.1, Duration.ofHours(1)));
		Limit limit = one.limit("login", new Policy(20, Duration.ofHours(1)), false);
		assertThat(limit.localTokens()).isZero();
		String key = newKey();

		int consumed = 0;
		for (int i = 0; i < 30; i++) {
			RateLimitBuckets instance = i % 2 == 0 ? one : two;
			consumed += instance.tryConsume(key, limit).orElseThrow().isConsumed() ? 1 : 0;
		}

		assertThat(consumed).isEqualTo(20);
		assertThat(counted.connections.get()).isGreaterThanOrEqualTo(30);
	}

	@Test
	void writesLocalConsumptionBackWhenTheInstanceStops() {
		RateLimitBuckets stopping = new RateLimitBuckets(dataSource, properties(0.1, Duration.ofHours(1)));
		Limit limit = stopping.limit("default", HUNDRED_PER_HOUR, true);
		String key = newKey();
		for (int i = 0; i < 5; i++) {
			assertThat(stopping.tryConsume(key, limit).orElseThrow().isConsumed()).isTrue();
		}

		stopping.destroy();

		RateLimitBuckets other = new RateLimitBuckets(dataSource, properties(0.1, Duration.ofHours(1)));
		ConsumptionProbe probe = other.tryConsume(key, limit).orElseThrow();
		assertThat(probe.getRemainingTokens()).isEqualTo(100 - 6);
	}

	@Test
	void failsOpenWhileTheStoreIsDownWithoutTryingItOnEveryRequest() {
		BrokenDataSource broken = new BrokenDataSource();
		RateLimitBuckets buckets = new RateLimitBuckets(broken, properties(0.1, Duration.ofHours(1)));
		Limit optimised = buckets.limit("default", HUNDRED_PER_HOUR, true);
		Limit exact = buckets.limit("login", HUNDRED_PER_HOUR, false);

		Optional<ConsumptionProbe> first = buckets.tryConsume(newKey(), optimised);
		Optional<ConsumptionProbe> second = buckets.tryConsume(newKey(), exact);

		assertThat(first).isEmpty();
		assertThat(second).isEmpty();
		// the second request did not wait for the store: it is tried again after store-retry-interval
		assertThat(broken.attempts.get()).isEqualTo(1);
	}

	private static RateLimitProperties properties(double syncTolerance, Duration syncInterval) {
		return new RateLimitProperties(true, null, Duration.ofMinutes(1), syncTolerance,
				syncInterval, null);
	}

	private static String newKey() {
		return "test:" + UUID.randomUUID();
	}

	static final class CountingDataSource extends DelegatingDataSource {

		final AtomicInteger connections = new AtomicInteger();

		CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			connections.incrementAndGet();
			return super.getConnection();
		}
	}

	static final class BrokenDataSource implements DataSource {

		final AtomicInteger attempts = new AtomicInteger();

		@Override
		public Connection getConnection() throws SQLException {
			attempts.incrementAndGet();
			throw new SQLException("Connection refused");
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("Not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}
	}
}
