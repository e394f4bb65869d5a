package dev.orderly.webhooks.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1));

	@Test
	void doublesFromTheBaseUpToTheMaximum() {
		assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(160));
		assertThat(backoff.ceiling(20)).isEqualTo(Duration.ofHours(1));
		assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void jittersBetweenHalfAndAllOfTheDelay() {
		for (int attempt = 1; attempt < 15; attempt++) {
			Duration ceiling = backoff.ceiling(attempt);
			for (int i = 0; i < 50; i++) {
				assertThat(backoff.after(attempt)).isBetween(ceiling.dividedBy(2), ceiling);
			}
		}
		assertThat(IntStream.range(0, 50).mapToObj(i -> backoff.after(8)).distinct().count())
			.as("jittered, not constant").isGreaterThan(1);
	}

	@Test
	void readsRetryAfterAsSecondsOrHttpDate() {
		Clock clock = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"),
				ZoneOffset.UTC);
		assertThat(WebhookSender.retryAfter("120", clock)).isEqualTo(Duration.ofSeconds(120));
		assertThat(WebhookSender.retryAfter("Sun, 06 Dec 2026 08:01:30 GMT", clock)).isEqualTo(Duration.ofSeconds(90));
		assertThat(WebhookSender.retryAfter("Sun, 06 Dec 2026 07:00:00 GMT", clock)).isNull();
		assertThat(WebhookSender.retryAfter("soon", clock)).isNull();
	}
}
