package dev.orderly.notifications;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

import dev.orderly.notifications.application.EmailSendObservation;
import dev.orderly.notifications.application.NotificationBacklogMetrics;
import dev.orderly.notifications.persistence.Notifications;

/**
 * What the notifications module tells operators about itself (ADR 0033): the email span around the
 * mail sender, in the trace of the request that caused the email, and the outbox backlog gauges.
 * Both read the module's own table; they lived in the composition root before (ADR 0023).
 */
@Configuration(proxyBeanMethods = false)
class NotificationObservabilityConfiguration {

	/**
	 * The email span around the mail sender (a class proxy: it stays a {@code JavaMailSenderImpl}). An
	 * infrastructure advisor, picked up by the auto-proxy creator; the table is looked up lazily.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor emailSendObservationAdvisor(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<Notifications> notifications) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new EmailSendObservation.SendMethods(),
				new EmailSendObservation(registry, notifications));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return advisor;
	}

	@Bean
	NotificationBacklogMetrics notificationBacklogMetrics(Notifications notifications) {
		return new NotificationBacklogMetrics(notifications);
	}
}
