package dev.orderly.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Module configuration: its properties and its periodic job, the email dispatcher, at the interval
 * of {@link NotificationProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration implements SchedulingConfigurer {

	private final EmailDispatcher dispatcher;

	private final NotificationProperties properties;

	NotificationConfiguration(EmailDispatcher dispatcher, NotificationProperties properties) {
		this.dispatcher = dispatcher;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(dispatcher::dispatchDue, properties.dispatch().interval());
	}
}
