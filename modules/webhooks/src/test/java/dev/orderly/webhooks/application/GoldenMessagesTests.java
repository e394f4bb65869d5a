package dev.orderly.webhooks.application;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.GoldenMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks module reads the orders events it consumes as their producer publishes them: the golden
 * messages of {@code src/test/resources/golden} (every readable version of every consumed event,
 * checked against the orders contract's baselines), through the real reader, ignoring properties it does
 * not know (docs/adr/0031). {@code WebhookDeliveryIntegrationTests} delivers each of them to a receiver
 * and checks the payload against its schema in {@code docs/asyncapi.json}.
 */
class GoldenMessagesTests {

	@Test
	void readsTheGoldenMessageOfEveryVersionOfEveryEventItConsumes() throws Exception {
		assertThat(GoldenMessages.assertReadable(OrderEventListeners.EVENT_TYPES)).hasSizeGreaterThanOrEqualTo(5);
	}
}
