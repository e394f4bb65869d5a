package dev.orderly.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.orderly.notifications.application.EmailDispatcher;
import dev.orderly.platform.OwnThreadSchedule;

/**
 * Module configuration: its properties, the email dispatcher's schedule and one shared timer for
 * the SMTP write timeouts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

	/**
	 * The dispatcher on a thread of its own, {@code orderly.notifications.dispatch.interval} after
	 * the end of each run: a run draining a backlog would otherwise hold up every other fixed-delay
	 * task of the application (ADR 0029). Starting the next run at once after a run that reached its
	 * cap sent emails faster, but took that CPU from requests and did not pay in the benchmark.
	 */
	@Bean
	OwnThreadSchedule emailDispatch(EmailDispatcher dispatcher, NotificationProperties properties) {
		return new OwnThreadSchedule("orderly-email-dispatch", properties.dispatch().interval(), dispatcher::dispatchDue);
	}

	/** Static: a bean post-processor, created before the mail sender it adjusts. */
	@Bean
	static SmtpWriteTimeouts smtpWriteTimeouts() {
		return new SmtpWriteTimeouts();
	}
}
