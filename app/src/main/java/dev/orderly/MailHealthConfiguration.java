package dev.orderly;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mail.health.MailHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

import dev.orderly.platform.OwnThreadSchedule;

/**
 * The {@code mail} health component. Email is asynchronous and retried (see docs/adr/0013), so an
 * unreachable SMTP server degrades the application but does not make it unhealthy: Boot's check is
 * kept, and its {@code DOWN} reported as {@link #DEGRADED}, which ranks between {@code OUT_OF_SERVICE}
 * and {@code UP} ({@code management.endpoint.health.status.order}): the overall status says
 * {@code DEGRADED} (HTTP 200), never {@code DOWN}. While the development mailbox is on (explicitly,
 * never in production, docs/adr/0034) nothing is delivered, and the component is {@code DEGRADED} as
 * well, so that it cannot go unnoticed. Readiness is not concerned (its group is the database only).
 * <p>
 * The SMTP check runs in the background, every {@link #CHECK_INTERVAL}, on a thread of its own; a
 * health request reads its last result and never opens an SMTP connection itself (docs/adr/0034:
 * health calls cost nothing an anonymous caller could multiply).
 */
@Configuration(proxyBeanMethods = false)
class MailHealthConfiguration {

	/** SMTP unreachable: emails wait and are retried. */
	static final Status DEGRADED = new Status("DEGRADED", "SMTP server unreachable; emails wait and are retried");

	/** The development mailbox is on: nothing is delivered. */
	static final Status DEVELOPMENT_MAILBOX = new Status("DEGRADED", "development mailbox on; no email is delivered");

	/** How often the SMTP server is checked in the background. */
	static final Duration CHECK_INTERVAL = Duration.ofSeconds(15);

	/** Named as Boot's own, which then backs off. */
	@Bean
	MailHealth mailHealthIndicator(JavaMailSender mail) {
		return new MailHealth(mail);
	}

	@Bean
	OwnThreadSchedule mailHealthCheck(MailHealth mailHealthIndicator) {
		return new OwnThreadSchedule("orderly-mail-health", CHECK_INTERVAL, mailHealthIndicator::refresh);
	}

	/** The last result of the background check. */
	static final class MailHealth implements HealthIndicator {

		private final MailHealthIndicator check;

		private volatile Health last;

		MailHealth(JavaMailSender mail) {
			if (mail instanceof JavaMailSenderImpl smtp && StringUtils.hasText(smtp.getHost())) {
				this.check = new MailHealthIndicator(smtp);
				this.last = Health.unknown().withDetail("delivery", "SMTP, first check within " + CHECK_INTERVAL).build();
			}
			else if (mail instanceof JavaMailSenderImpl) {
				// An instance without notifications (split mode): Boot's sender exists, nothing uses it.
				this.check = null;
				this.last = Health.unknown().withDetail("delivery", "none: this instance sends no email").build();
			}
			else {
				this.check = null;
				this.last = Health.status(DEVELOPMENT_MAILBOX)
					.withDetail("delivery", "development mailbox (ORDERLY_DEV_MAILBOX=true): nothing is sent")
					.build();
			}
		}

		/** One SMTP check (the background thread's task). */
		void refresh() {
			if (check == null) {
				return;
			}
			Health health = check.health(true);
			if (health != null && Status.DOWN.equals(health.getStatus())) {
				health = Health.status(DEGRADED).withDetails(health.getDetails()).build();
			}
			last = health;
		}

		@Override
		public Health health() {
			return last;
		}
	}
}
