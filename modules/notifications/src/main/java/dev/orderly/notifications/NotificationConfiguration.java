package dev.orderly.notifications;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.orderly.notifications.application.EmailDispatcher;
import dev.orderly.notifications.persistence.AdministratorNotices;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.platform.OwnThreadSchedule;
import dev.orderly.platform.Retention;

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

	/**
	 * Retention (docs/ops/README.md, "Data retention"): delivered emails and read in-app notices are
	 * deleted after a while, and the notices for every administrator after the shorter of the read and
	 * in-app retention, in bounded batches, every {@code orderly.notifications.retention.interval}
	 * on a thread of its own.
	 */
	@Bean
	OwnThreadSchedule notificationsRetention(Notifications notifications, AdministratorNotices administratorNotices,
			Clock clock,
			@Value("${orderly.notifications.retention.delivered:30d}") Duration delivered,
			@Value("${orderly.notifications.retention.read:90d}") Duration read,
			@Value("${orderly.notifications.retention.in-app:365d}") Duration inApp,
			@Value("${orderly.notifications.retention.batch-size:1000}") int batchSize,
			@Value("${orderly.notifications.retention.interval:1h}") Duration interval) {
		// notices for every administrator are offered as long as their copies could live unread (AdministratorNoticeBoard)
		Duration noticeWindow = read.compareTo(inApp) < 0 ? read : inApp;
		return new OwnThreadSchedule("orderly-notifications-retention", interval, () -> {
			Retention.purge("notifications.notifications", batchSize,
					batch -> notifications.deleteSettled(delivered, read, inApp, batch));
			Retention.purge("notifications.administrator_notices", batchSize,
					batch -> administratorNotices.deleteOlderThan(clock.instant().minus(noticeWindow), batch));
		});
	}

	/** Static: a bean post-processor, created before the mail sender it adjusts. */
	@Bean
	static SmtpWriteTimeouts smtpWriteTimeouts() {
		return new SmtpWriteTimeouts();
	}
}
