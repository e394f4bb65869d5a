package dev.orderly;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.events.EventExternalizationConfiguration;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.auth.events.SessionsRevoked;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.platform.events.BrokerConsumer;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRolesChanged;

/**
 * Only what another process consumes goes on the broker (docs/adr/0034): the externalisation selects
 * the event types the consumers declare ({@link BrokerConsumer} in {@code META-INF/spring.factories}),
 * derived from what they bind their queues to, not from a list in the composition root.
 */
class ExternalizedEventsTests {

	private final EventExternalizationConfiguration externalization = new SplitModeConfiguration()
		.eventExternalizationConfiguration(new SplitModeConfiguration.SplitProperties("orderly.events",
				Duration.ofSeconds(10), null, "http://localhost:8080", "orderly-api", null));

	@Test
	void theConsumersDeclareWhatTheyBindTo() {
		Map<String, Set<String>> consumers = BrokerConsumer.declared(getClass().getClassLoader());

		assertThat(consumers).containsOnlyKeys("notifications", "session-revocations");
		assertThat(consumers.get("notifications")).contains("orders.OrderPlaced", "auth.PasswordResetRequested",
				"users.UserDeleted").doesNotContain("users.UserRolesChanged", "auth.SessionsRevoked");
		assertThat(consumers.get("session-revocations")).containsExactly("auth.SessionsRevoked");
	}

	@Test
	void eventsAnotherProcessConsumesAreExternalised() {
		for (Class<?> type : List.of(OrderPlaced.class, PasswordResetRequested.class, UserDeleted.class,
				SessionsRevoked.class)) {
			assertThat(externalization.supports(instanceOf(type))).as(IntegrationEvents.typeOf(type)).isTrue();
		}
	}

	@Test
	void eventsNobodyConsumesOffProcessStayInTheProcess() {
		assertThat(externalization.supports(instanceOf(UserRolesChanged.class))).isFalse();
		// not an integration event at all
		assertThat(externalization.supports(instanceOf(OrderLine.class))).isFalse();
	}

	/** A record with default values: what the selection looks at is the type. */
	private static Object instanceOf(Class<?> record) {
		RecordComponent[] components = record.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			values[i] = types[i] == int.class ? 0 : types[i] == long.class ? 0L : types[i] == boolean.class ? false : null;
		}
		try {
			return record.getDeclaredConstructor(types).newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
