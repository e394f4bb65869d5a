package dev.orderly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of readiness probes costs one database check per second (docs/adr/0034). */
class HealthCostTests {

	private final AtomicInteger checks = new AtomicInteger();

	private final HealthIndicator database = () -> {
		checks.incrementAndGet();
		return Health.up().withDetail("database", "PostgreSQL").build();
	};

	private Instant now = Instant.parse("2026-12-06T08:00:00Z");

	private final Clock clock = new Clock() {
		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	};

	@Test
	void answersFromTheLastCheckForASecond() {
		HealthCostConfiguration.CachedHealth cached = new HealthCostConfiguration.CachedHealth(database,
				Duration.ofSeconds(1), clock);

		for (int i = 0; i < 1000; i++) {
			assertThat(cached.health(i % 2 == 0).getStatus()).isEqualTo(Status.UP);
			now = now.plusNanos(900_000); // 1000 probes in 0.9 s
		}
		assertThat(checks).hasValue(1);

		now = now.plusMillis(200);
		assertThat(cached.health(true).getDetails()).containsEntry("database", "PostgreSQL");
		assertThat(checks).hasValue(2);
		assertThat(cached.health(false).getDetails()).isEmpty();
	}
}
