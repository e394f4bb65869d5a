package dev.orderly;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mail.health.MailHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The {@code mail} health component. Email is asynchronous and retried (see docs/adr/0013), so an
 * unreachable SMTP server degrades the application but does not make it unhealthy: Boot's check is
 * kept, and its {@code DOWN} reported as {@link #DEGRADED}, which ranks after {@code UP}
 * ({@code management.endpoint.health.status.order}) and so never turns the overall status
 * {@code DOWN}. Without SMTP settings the development mailbox is in use and the component says so.
 * Readiness is not concerned (its group is the database only).
 */
@Configuration(proxyBeanMethods = false)
class MailHealthConfiguration {

	/** SMTP unreachable: emails wait and are retried. */
	static final Status DEGRADED = new Status("DEGRADED", "SMTP server unreachable; emails wait and are retried");

	/** Named as Boot's own, which then backs off. */
	@Bean
	HealthIndicator mailHealthIndicator(JavaMailSender mail) {
		if (mail instanceof JavaMailSenderImpl smtp) {
			MailHealthIndicator check = new MailHealthIndicator(smtp);
			return () -> {
				Health health = check.health(true);
				if (health == null || !Status.DOWN.equals(health.getStatus())) {
					return health;
				}
				return Health.status(DEGRADED).withDetails(health.getDetails()).build();
			};
		}
		return () -> Health.up()
			.withDetail("delivery", "development mailbox: ORDERLY_MAIL_HOST is not set, nothing is sent")
			.build();
	}
}
