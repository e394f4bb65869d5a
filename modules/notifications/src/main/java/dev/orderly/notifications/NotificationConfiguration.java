package dev.orderly.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Module configuration: its properties and one shared timer for the SMTP write timeouts. The email
 * dispatcher runs on a thread of its own ({@link EmailDispatchRuns}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

	/** Static: a bean post-processor, created before the mail sender it adjusts. */
	@Bean
	static SmtpWriteTimeouts smtpWriteTimeouts() {
		return new SmtpWriteTimeouts();
	}
}
