package dev.orderly.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Module configuration: its properties, its periodic job, the email dispatcher, at the interval of
 * {@link NotificationProperties}, and one shared timer for the SMTP write timeouts.
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

	/** Static: a bean post-processor, created before the mail sender it adjusts. */
	@Bean
	static SmtpWriteTimeouts smtpWriteTimeouts() {
		return new SmtpWriteTimeouts();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(dispatcher::dispatchDue, properties.dispatch().interval());
	}
}
