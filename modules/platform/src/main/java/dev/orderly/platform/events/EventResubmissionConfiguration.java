package dev.orderly.platform.events;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;

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
		return new ApplicationInstance(id, jdbc, properties.heartbeatInterval());
	}

	@Bean
	EventPublicationResubmitter eventPublicationResubmitter(ObjectProvider<IncompleteEventPublications> incomplete,
			ApplicationInstance instance, JdbcClient jdbc, EventResubmissionProperties properties) {
		return new EventPublicationResubmitter(incomplete, instance, jdbc, properties);
	}

	@Bean
	EventPublicationMetrics eventPublicationMetrics(JdbcClient jdbc) {
		return new EventPublicationMetrics(jdbc);
	}
}
