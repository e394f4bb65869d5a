package dev.orderly;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;


import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * What a newcomer gets by default, decided by configuration alone (no context needed): which
 * components a given environment registers, and how the mail health component ranks.
 */
class NewcomerDefaultsTests {

	private static final String DEMO_PRICE_LIST = "dev.orderly.orders.application.DemoPriceList";

	private static final String DEMO_USER = "dev.orderly.users.application.DemoUser";

	private static final String MAILBOX = "dev.orderly.notifications.application.DevelopmentMailbox";

	private static final String MAILBOX_API = "dev.orderly.notifications.web.DevelopmentMailboxController";

	@ParameterizedTest(name = "demo data {0}, profiles [{1}]: seeded {2}")
	@CsvSource({ "true,,true", "true,test,true", "false,,false", ",,false", "true,prod,false",
			"true,production,false", "true,test prod,false" })
	void demoDataIsSeededOnlyWhenAskedForAndNeverInProduction(String enabled, String profiles, boolean seeded) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.mail.host", "smtp.example.test");
		if (enabled != null) {
			environment.setProperty("orderly.demo-data.enabled", enabled);
		}
		if (profiles != null) {
			environment.setActiveProfiles(profiles.split(" "));
		}

		Set<String> components = components(environment);

		if (seeded) {
			assertThat(components).contains(DEMO_PRICE_LIST, DEMO_USER);
		}
		else {
			assertThat(components).doesNotContain(DEMO_PRICE_LIST, DEMO_USER);
		}
	}

	@Test
	void demoDataIsOffByDefault() throws IOException {
		assertThat(applicationYml().getProperty("orderly.demo-data.enabled")).isEqualTo("${ORDERLY_DEMO_DATA:false}");
	}

	@ParameterizedTest(name = "spring.mail.host=''{0}'': development mailbox {1}")
	@CsvSource(value = { "NULL,true", "'',true", "'  ',true", "127.0.0.1,false", "mailpit,false" }, nullValues = "NULL")
	void mailGoesToTheDevelopmentMailboxUntilAnSmtpHostIsSet(String host, boolean mailbox) {
		MockEnvironment environment = new MockEnvironment();
		if (host != null) {
			environment.setProperty("spring.mail.host", host);
		}

		Set<String> components = components(environment);

		if (mailbox) {
			assertThat(components).contains(MAILBOX, MAILBOX_API);
		}
		else {
			assertThat(components).doesNotContain(MAILBOX, MAILBOX_API);
		}
	}

	@Test
	void noSmtpHostByDefault() throws IOException {
		assertThat(applicationYml().getProperty("spring.mail.host")).isEqualTo("${ORDERLY_MAIL_HOST:}");
	}

	@Test
	void anUnreachableSmtpServerDegradesMailButNotTheApplication() throws IOException {
		JavaMailSenderImpl smtp = new JavaMailSenderImpl();
		smtp.setHost("127.0.0.1");
		smtp.setPort(closedPort());
		HealthIndicator mail = new MailHealthConfiguration().mailHealthIndicator(smtp);

		Health health = mail.health(true);

		assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
		assertThat(health.getDetails()).containsKey("error");
		assertThat(overallStatus(Status.UP, health.getStatus())).isEqualTo(Status.UP);
		assertThat(overallStatus(Status.DOWN, health.getStatus())).isEqualTo(Status.DOWN);
	}

	@Test
	void theDevelopmentMailboxReportsItselfUp() {
		HealthIndicator mail = new MailHealthConfiguration().mailHealthIndicator(mock(JavaMailSender.class));

		Health health = mail.health(true);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("delivery").toString()).contains("development mailbox");
	}

	/** The overall status with the status order of application.yml. */
	private static Status overallStatus(Status... components) throws IOException {
		String[] order = applicationYml().getProperty("management.endpoint.health.status.order").toString().split(",");
		return new SimpleStatusAggregator(order).getAggregateStatus(Set.of(components));
	}

	private static Set<String> components(MockEnvironment environment) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true,
				environment);
		return scanner.findCandidateComponents("dev.orderly")
			.stream()
			.map(BeanDefinition::getBeanClassName)
			.collect(Collectors.toSet());
	}

	private static PropertySource<?> applicationYml() throws IOException {
		return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml")).get(0);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
