package dev.orderly.notifications;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.ModuleApiCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications module's part of the REST API ({@code docs/openapi.json}, operations tagged notifications)
 * stays compatible with its committed baseline {@code src/contract/openapi.json} (openapi-diff;
 * docs/adr/0031).
 */
class NotificationsApiContractTests {

	@Test
	void operationsStayCompatibleWithTheBaseline() throws Exception {
		assertThat(ModuleApiCompatibility.problems("notifications", Set.of("notifications"))).isEmpty();
	}
}
