package dev.orderly;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.events.BrokerConsumer;
import dev.orderly.platform.events.IntegrationEvents;

/**
 * On an instance without auth (split mode): the ended sessions announced by the events the contracts
 * list as ending sessions, each instance on a queue of its own bound to their routing keys
 * (docs/adr/0035).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("orderly.split.remote-auth")
class RemoteRevocationConfiguration {

	@Bean
	RemoteSessionRevocations remoteSessionRevocations(JsonMapper json,
			@Value("${orderly.split.revoked-session-retention:1h}") Duration keep) {
		return new RemoteSessionRevocations(json, keep,
				RemoteSessionRevocations.listedEndings(RemoteRevocationConfiguration.class.getClassLoader()));
	}

	/** Exclusive and auto-delete: it goes with the instance. */
	@Bean
	Queue remoteRevocationQueue(@Value("${orderly.split.exchange}") String exchange) {
		return new AnonymousQueue(new Base64UrlNamingStrategy(exchange + ".revocations."));
	}

	@Bean
	Declarables remoteRevocationBinding(Queue remoteRevocationQueue, RemoteSessionRevocations revocations,
			@Value("${orderly.split.exchange}") String exchange) {
		return new Declarables(revocations.types().stream()
			.map(type -> new Binding(remoteRevocationQueue.getName(), Binding.DestinationType.QUEUE, exchange, type, null))
			.toList());
	}

	/**
	 * Declares (in {@code META-INF/spring.factories}) that instances without auth consume the
	 * announcements of ended sessions from the broker, so that the instances with auth externalise them.
	 */
	static final class SessionRevocationsConsumer implements BrokerConsumer {

		@Override
		public String name() {
			return "session-revocations";
		}

		@Override
		public Set<String> eventTypes() {
			return RemoteSessionRevocations.listedEndings(SessionRevocationsConsumer.class.getClassLoader()).stream()
				.map(ending -> IntegrationEvents.typeOf(ending.eventType()))
				.collect(Collectors.toSet());
		}
	}
}
