package dev.orderly;

import java.util.Set;

import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

import dev.orderly.platform.events.BrokerConsumer;
import dev.orderly.platform.events.IntegrationEvents;

/**
 * Which events leave the process in split mode (ADR 0022, docs/adr/0034): the integration events
 * ({@link IntegrationEvents}) whose type another process consumes — the {@link BrokerConsumer}s declared
 * in {@code META-INF/spring.factories} by the consuming side, known to a publishing instance although it
 * does not run the consumer. Any other, such as {@code users.UserRolesChanged}, stays in the process.
 * Routed to the topic exchange with the type as routing key.
 */
final class ExternalizedEvents {

	private ExternalizedEvents() {
	}

	static EventExternalizationConfiguration configuration(String exchange, ClassLoader classLoader) {
		Set<String> consumed = BrokerConsumer.consumedTypes(classLoader);
		return EventExternalizationConfiguration.externalizing()
			.select(event -> IntegrationEvents.isIntegrationEvent(event.getClass())
					&& consumed.contains(IntegrationEvents.typeOf(event.getClass())))
			.routeAll(event -> RoutingTarget.forTarget(exchange).andKey(IntegrationEvents.typeOf(event.getClass())))
			.build();
	}
}
