package dev.orderly.webhooks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import dev.orderly.platform.OwnThreadSchedule;
import dev.orderly.webhooks.application.DeliveryDispatcher;
import dev.orderly.webhooks.application.WebhooksProperties;
import dev.orderly.webhooks.domain.TargetRules;

/**
 * Module wiring: its properties, the rule of which targets may be called, and the dispatcher on a
 * thread of its own ({@code orderly.webhooks.dispatch.interval} after the end of each run), so that a
 * run waiting on slow receivers holds up no other scheduled task (ADR 0029).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhooksConfiguration {

	/**
	 * @throws IllegalStateException under a {@code prod} or {@code production} profile when private
	 *         targets are allowed: that setting is for development and tests only
	 */
	@Bean
	TargetRules webhookTargetRules(WebhooksProperties properties, Environment environment) {
		if (properties.allowPrivateTargets() && environment.acceptsProfiles(Profiles.of("prod | production"))) {
			throw new IllegalStateException("orderly.webhooks.allow-private-targets (ORDERLY_WEBHOOKS_ALLOW_PRIVATE_TARGETS) "
					+ "must not be true under a prod profile: it lets webhooks reach loopback and private addresses");
		}
		return new TargetRules(properties.allowPrivateTargets());
	}

	@Bean
	OwnThreadSchedule webhookDispatch(DeliveryDispatcher dispatcher, WebhooksProperties properties) {
		return new OwnThreadSchedule("orderly-webhook-dispatch", properties.dispatch().interval(),
				dispatcher::dispatchDue);
	}
}
