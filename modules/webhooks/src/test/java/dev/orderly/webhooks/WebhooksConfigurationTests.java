package dev.orderly.webhooks;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import dev.orderly.webhooks.application.WebhooksProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhooksConfigurationTests {

	final WebhooksConfiguration configuration = new WebhooksConfiguration();

	@Test
	void refusesPrivateTargetsUnderAProdProfile() {
		for (String profile : new String[] { "prod", "production" }) {
			MockEnvironment environment = new MockEnvironment();
			environment.setActiveProfiles(profile);
			assertThatThrownBy(() -> configuration.webhookTargetRules(properties(true), environment))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("ORDERLY_WEBHOOKS_ALLOW_PRIVATE_TARGETS");
			assertThat(configuration.webhookTargetRules(properties(false), environment).allowsPrivateTargets()).isFalse();
		}
	}

	@Test
	void allowsThemForDevelopmentAndTests() {
		assertThat(configuration.webhookTargetRules(properties(true), new MockEnvironment()).allowsPrivateTargets())
			.isTrue();
	}

	@Test
	void refusesTimeoutsAboveTheLimits() {
		assertThatThrownBy(() -> new WebhooksProperties.Dispatch(Duration.ofSeconds(1), 1, Duration.ofMinutes(1),
				Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(6),
				Duration.ofSeconds(10), 4096))
			.hasMessageContaining("connect-timeout");
		assertThatThrownBy(() -> new WebhooksProperties.Dispatch(Duration.ofSeconds(1), 1, Duration.ofMinutes(1),
				Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
				Duration.ofSeconds(11), 4096))
			.hasMessageContaining("read-timeout");
	}

	static WebhooksProperties properties(boolean allowPrivateTargets) {
		return new WebhooksProperties(allowPrivateTargets, Duration.ofHours(24), Duration.ofHours(24),
				Duration.ofHours(24), new WebhooksProperties.Dispatch(Duration.ofSeconds(1), 4, Duration.ofMinutes(1),
						Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofSeconds(5),
						Duration.ofSeconds(10), 4096));
	}
}
