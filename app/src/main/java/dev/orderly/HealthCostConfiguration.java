package dev.orderly;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a health request may cost (docs/adr/0034). Anonymous callers reach only the liveness and
 * readiness groups (the security chain); readiness checks the database, so that check answers from a
 * result at most {@link #DATABASE_CHECK_TTL} old: a flood of probes costs at most one validation
 * query per second, whatever its rate. (Boot's own endpoint cache, {@code management.endpoint.health.cache},
 * does not apply to groups, whose path is an argument.) The mail check runs in the background
 * ({@link MailHealthConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class HealthCostConfiguration {

	static final Duration DATABASE_CHECK_TTL = Duration.ofSeconds(1);

	/** Named as Boot's own {@code db} contributor, which then backs off. */
	@Bean
	HealthIndicator dbHealthIndicator(DataSource dataSource) {
		return new CachedHealth(new DataSourceHealthIndicator(dataSource), DATABASE_CHECK_TTL, Clock.systemUTC());
	}

	/** A health indicator's last result, reused for {@code ttl}; one check at a time. */
	static final class CachedHealth implements HealthIndicator {

		private final HealthIndicator delegate;

		private final long ttlMillis;

		private final Clock clock;

		private Health last;

		private long checkedAt;

		CachedHealth(HealthIndicator delegate, Duration ttl, Clock clock) {
			this.delegate = delegate;
			this.ttlMillis = ttl.toMillis();
			this.clock = clock;
		}

		@Override
		public synchronized Health health(boolean includeDetails) {
			long now = clock.millis();
			if (last == null || now - checkedAt >= ttlMillis) {
				last = delegate.health(true);
				checkedAt = now;
			}
			return includeDetails || last == null ? last : Health.status(last.getStatus()).build();
		}

		@Override
		public Health health() {
			return health(true);
		}
	}
}
