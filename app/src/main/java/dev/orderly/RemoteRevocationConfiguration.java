package dev.orderly;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
