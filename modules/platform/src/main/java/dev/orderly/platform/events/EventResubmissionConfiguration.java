package dev.orderly.platform.events;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.event.TransactionalApplicationListener;

/**
 * This instance's identity and heartbeat, the resubmission of incomplete event publications, and the
 * metrics of their backlog.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(EventResubmissionProperties.class)
class EventResubmissionConfiguration {

	@Bean
	static ApplicationInstance.Id applicationInstanceId() {
		return ApplicationInstance.Id.random();
	}

	@Bean
	static ApplicationInstance.ConnectionNaming applicationInstanceConnectionNaming(
			ObjectProvider<ApplicationInstance.Id> id) {
		return new ApplicationInstance.ConnectionNaming(id);
	}

	@Bean
	ApplicationInstance applicationInstance(ApplicationInstance.Id id, JdbcClient jdbc,
			EventResubmissionProperties properties) {
		return new ApplicationInstance(id, jdbc, properties.heartbeatInterval(), properties.instanceLease());
	}

	@Bean
	EventPublicationResubmitter eventPublicationResubmitter(ObjectProvider<IncompleteEventPublications> incomplete,
			ApplicationInstance instance, JdbcClient jdbc, EventResubmissionProperties properties,
			ApplicationContext context) {
		return new EventPublicationResubmitter(incomplete, instance, jdbc, properties, () -> listenerIds(context));
	}

	/** The ids of the transactional listeners registered in {@code context}: those that have publications. */
	static Set<String> listenerIds(ApplicationContext context) {
		if (!(context instanceof AbstractApplicationContext listening)) {
			return Set.of();
		}
		return listening.getApplicationListeners()
			.stream()
			.filter(TransactionalApplicationListener.class::isInstance)
			.map(listener -> ((TransactionalApplicationListener<?>) listener).getListenerId())
			.collect(Collectors.toSet());
	}

	@Bean
	EventPublicationMetrics eventPublicationMetrics(JdbcClient jdbc) {
		return new EventPublicationMetrics(jdbc);
	}
}
