package dev.orderly;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventPublicationRepository;

/**
 * Every module's event publications complete in their listener's transaction
 * ({@link ListenerTransactionCompletion}, ADR 0041): a platform-wide concern of the event publication
 * registry, wired here because the composition root is where that registry is assembled.
 */
@Configuration(proxyBeanMethods = false)
class ListenerTransactionCompletionConfiguration {

	/** A transaction execution listener: Spring Boot adds it to the transaction manager. */
	@Bean
	static ListenerTransactionCompletion listenerTransactionCompletion(ObjectProvider<Clock> clock) {
		return new ListenerTransactionCompletion(() -> clock.getIfAvailable(Clock::systemUTC).instant());
	}

	/** Hands Modulith's registry the decorated repository. */
	@Bean
	static BeanPostProcessor eventPublicationRepositoryDecorator(ObjectProvider<ListenerTransactionCompletion> completion) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof EventPublicationRepository repository ? completion.getObject().decorate(repository)
						: bean;
			}
		};
	}
}
