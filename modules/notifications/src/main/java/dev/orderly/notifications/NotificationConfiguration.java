package dev.orderly.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Module configuration: its properties and its two periodic jobs — the email dispatcher and the
 * resubmission of stale event publications — at the intervals of {@link NotificationProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
@PropertySource("classpath:orderly-notifications-defaults.properties")
class NotificationConfiguration implements SchedulingConfigurer {

	private final EmailDispatcher dispatcher;

	private final EventPublicationResubmitter resubmitter;

	private final NotificationProperties properties;

	NotificationConfiguration(EmailDispatcher dispatcher, EventPublicationResubmitter resubmitter,
			NotificationProperties properties) {
		this.dispatcher = dispatcher;
		this.resubmitter = resubmitter;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(dispatcher::dispatchDue, properties.dispatch().interval());
		if (properties.resubmission().enabled()) {
			tasks.addFixedDelayTask(resubmitter::resubmitStale, properties.resubmission().interval());
		}
	}
}
