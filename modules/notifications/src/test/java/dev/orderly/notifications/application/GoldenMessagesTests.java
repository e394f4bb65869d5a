package dev.orderly.notifications.application;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.GoldenMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications module reads the integration events it consumes as their producers publish them: the
 * golden messages of {@code src/test/resources/golden} (every readable version of every consumed
 * event), through the real reader, ignoring properties it does not know (docs/adr/0031).
 */
class GoldenMessagesTests {

	@Test
	void readsTheGoldenMessageOfEveryVersionOfEveryEventItConsumes() throws Exception {
		assertThat(GoldenMessages.assertReadable(NotificationIntake.EVENT_TYPES)).isNotEmpty();
	}
}
