package dev.orderly.webhooks.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.orderly.webhooks.TestReceiver;
import dev.orderly.webhooks.TestReceiver.Answer;
import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.DeliveryStatus;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.domain.SigningSecret;
import dev.orderly.webhooks.domain.TargetRules;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt of the shared client against a real receiver on loopback, without Spring. */
class WebhookSenderTests {

	final TestReceiver receiver = new TestReceiver();

	final WebhooksProperties.Dispatch dispatch = new WebhooksProperties.Dispatch(Duration.ofSeconds(1), 1,
			Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5),
			Duration.ofSeconds(2), Duration.ofSeconds(5), 4096);

	@AfterEach
	void stop() {
		receiver.close();
	}

	@Test
	void readsAtMostAFewKilobytesOfAResponse() {
		// 8 KB at once, the rest only after 10 s: reading it all would run into the attempt's time limit
		receiver.answer("/large", Answer.large(1024 * 1024));
		WebhookSender.Attempt attempt = sender(true).send(endpoint(receiver.url("/large")), delivery());
		assertThat(attempt.result()).isEqualTo(WebhookSender.Result.DELIVERED);
		assertThat(attempt.status()).isEqualTo(200);
		assertThat(attempt.latency()).isLessThan(Duration.ofSeconds(7));
	}

	@Test
	void refusesALoopbackTargetAtDeliveryWithoutConnecting() {
		WebhookSender.Attempt attempt = sender(false).send(endpoint(receiver.url("/private")), delivery());
		assertThat(attempt.result()).isEqualTo(WebhookSender.Result.REFUSED);
		assertThat(attempt.error()).contains("Target not allowed");
		assertThat(receiver.at("/private")).isEmpty();
	}

	@Test
	void treatsARedirectAsAFinalAnswer() {
		receiver.answer("/moved", new Answer(301, Map.of("Location", receiver.url("/new")), Duration.ZERO));
		WebhookSender.Attempt attempt = sender(true).send(endpoint(receiver.url("/moved")), delivery());
		assertThat(attempt.result()).isEqualTo(WebhookSender.Result.REFUSED);
		assertThat(attempt.status()).isEqualTo(301);
		assertThat(receiver.at("/new")).isEmpty();
	}

	WebhookSender sender(boolean allowPrivateTargets) {
		WebhooksProperties properties = new WebhooksProperties(allowPrivateTargets, Duration.ofHours(24),
				Duration.ofHours(24), Duration.ofHours(24), dispatch);
		return new WebhookSender(new TargetRules(allowPrivateTargets), properties, Clock.systemUTC());
	}

	static Endpoint endpoint(String url) {
		Instant now = Instant.now();
		return new Endpoint(UUID.randomUUID(), url, null, List.of("order.*"), true, null, SigningSecret.generate(), null,
				null, null, now, now);
	}

	static Delivery delivery() {
		Instant now = Instant.now();
		return new Delivery(UUID.randomUUID(), UUID.randomUUID(), "order.placed", "{\"type\":\"order.placed\"}",
				DeliveryStatus.SENDING, 1, null, now.plusSeconds(3600), null, null, now, null, now, now);
	}
}
