package dev.orderly.notifications.application;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.orderly.platform.events.BrokerConsumer;
import dev.orderly.platform.events.IntegrationEvents;

/**
 * The events the notifications deployable consumes from the broker ({@link NotificationIntake#EVENT_TYPES},
 * the types {@link BrokerIntake} binds its queue to); declared in {@code META-INF/spring.factories}, so
 * that the publishing instances externalise these and no other (docs/adr/0034).
 */
final class NotificationsBrokerConsumer implements BrokerConsumer {

	@Override
	public String name() {
		return "notifications";
	}

	@Override
	public Set<String> eventTypes() {
		return NotificationIntake.EVENT_TYPES.stream()
			.map(IntegrationEvents::typeOf)
			.collect(Collectors.toCollection(TreeSet::new));
	}
}
