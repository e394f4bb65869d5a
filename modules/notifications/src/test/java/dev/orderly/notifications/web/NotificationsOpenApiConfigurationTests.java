package dev.orderly.notifications.web;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsOpenApiConfigurationTests {

	/** The {@code status} filter's enum in the API description is the module's own list of states. */
	@Test
	void listsEveryDeliveryStateInTheModulesOrder() throws ClassNotFoundException {
		Object[] states = Class.forName("dev.orderly.notifications.domain.NotificationStatus").getEnumConstants();

		assertThat(NotificationsOpenApiConfiguration.STATUSES)
			.containsExactly(Arrays.stream(states).map(state -> ((Enum<?>) state).name()).toArray(String[]::new));
	}
}
