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
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.env.MockEnvironment;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
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

	@ParameterizedTest(name = "spring.mail.host=''{0}'', dev-mailbox={1}: development mailbox {2}")
	@CsvSource(value = { "NULL,NULL,false", "'',NULL,false", "'',false,false", "NULL,true,true", "'',true,true",
			"127.0.0.1,NULL,false", "mailpit,false,false" }, nullValues = "NULL")
	void theDevelopmentMailboxIsOnOnlyWhenAskedForExplicitly(String host, String devMailbox, boolean mailbox) {
		MockEnvironment environment = new MockEnvironment();
		if (host != null) {
			environment.setProperty("spring.mail.host", host);
		}
		if (devMailbox != null) {
			environment.setProperty("orderly.notifications.dev-mailbox", devMailbox);
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
	void theDevelopmentMailboxIsOffByDefault() throws IOException {
		assertThat(applicationYml().getProperty("orderly.notifications.dev-mailbox")).isEqualTo("${ORDERLY_DEV_MAILBOX:false}");
	}

	@ParameterizedTest(name = "host ''{0}'', dev-mailbox {1}, profiles [{2}]: {3}")
	@CsvSource(value = { "NULL,NULL,NULL,No mail server: set ORDERLY_MAIL_HOST",
			"'',false,NULL,No mail server: set ORDERLY_MAIL_HOST",
			"NULL,NULL,prod,No mail server: the prod profile needs ORDERLY_MAIL_HOST",
			"'  ',NULL,production,No mail server: the prod profile needs ORDERLY_MAIL_HOST",
			"NULL,true,prod,ORDERLY_DEV_MAILBOX=true (orderly.notifications.dev-mailbox) is refused under a prod",
			"smtp.example.test,true,prod,ORDERLY_DEV_MAILBOX=true (orderly.notifications.dev-mailbox) is refused under a prod",
			"smtp.example.test,NULL,prod,OK", "NULL,true,NULL,OK", "mailpit,NULL,NULL,OK" }, nullValues = "NULL")
	void anInstanceThatSendsEmailRefusesToStartWithoutAWayToDeliverIt(String host, String devMailbox, String profiles,
			String outcome) {
		MockEnvironment environment = new MockEnvironment().withProperty("orderly.auth.signing-keys", "KEY");
		if (host != null) {
			environment.setProperty("spring.mail.host", host);
		}
		if (devMailbox != null) {
			environment.setProperty("orderly.notifications.dev-mailbox", devMailbox);
		}
		if (profiles != null) {
			environment.setActiveProfiles(profiles.split(" "));
		}
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);

		if (outcome.equals("OK")) {
			new OrderlyModules().initialize(context);
		}
		else {
			assertThatIllegalStateException().isThrownBy(() -> new OrderlyModules().initialize(context))
				.withMessageStartingWith(outcome);
		}
	}

	@ParameterizedTest(name = "modules [{0}], signing keys {1}: starts {2}")
	@CsvSource(value = { "NULL|NULL|false", "users,auth,orders|''|false", "NULL|KEY|true", "notifications|NULL|true" },
			nullValues = "NULL", delimiter = '|')
	void underProdAnInstanceWithAuthRefusesToStartWithoutSigningKeysFromASecret(String modules, String keys,
			boolean starts) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.mail.host", "smtp.example.test");
		environment.setActiveProfiles("prod");
		if (modules != null) {
			environment.setProperty("orderly.modules", modules);
		}
		if (keys != null) {
			environment.setProperty("orderly.auth.signing-keys", keys);
		}
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);

		if (starts) {
			new OrderlyModules().initialize(context);
		}
		else {
			assertThatIllegalStateException().isThrownBy(() -> new OrderlyModules().initialize(context))
				.withMessageContaining("ORDERLY_AUTH_SIGNING_KEYS");
		}
	}

	@Test
	void anInstanceWithoutNotificationsNeedsNoMailServer() {
		MockEnvironment environment = new MockEnvironment().withProperty("orderly.modules", "users,auth,orders")
			.withProperty("orderly.auth.signing-keys", "KEY");
		environment.setActiveProfiles("prod");
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);

		new OrderlyModules().initialize(context);

		assertThat(environment.getProperty("orderly.split.enabled")).isEqualTo("true");
	}

	@ParameterizedTest(name = "management port {0}, address {1}: listens on {2}")
	@CsvSource(value = { "9091|NULL|127.0.0.1", "9091|0.0.0.0|0.0.0.0", "NULL|NULL|NULL", "-1|NULL|NULL" },
			nullValues = "NULL", delimiter = '|')
	void theManagementPortListensOnLoopbackUnlessToldOtherwise(String port, String address, String listensOn) {
		MockEnvironment environment = new MockEnvironment();
		if (port != null) {
			environment.setProperty("management.server.port", port);
		}
		if (address != null) {
			environment.setProperty("management.server.address", address);
		}

		OrderlyModules.managementOnLoopbackByDefault(environment);

		assertThat(environment.getProperty("management.server.address")).isEqualTo(listensOn);
	}

	@Test
	void noSmtpHostByDefault() throws IOException {
		assertThat(applicationYml().getProperty("spring.mail.host")).isEqualTo("${ORDERLY_MAIL_HOST:}");
	}

	@Test
	void anUnreachableSmtpServerDegradesTheApplicationButNeverMakesItDown() throws IOException {
		JavaMailSenderImpl smtp = new JavaMailSenderImpl();
		smtp.setHost("127.0.0.1");
		smtp.setPort(closedPort());
		MailHealthConfiguration.MailHealth mail = new MailHealthConfiguration().mailHealthIndicator(smtp);
		assertThat(mail.health(true).getStatus()).as("not checked yet").isEqualTo(Status.UNKNOWN);

		mail.refresh(); // what the background thread does

		Health health = mail.health(true);
		assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
		assertThat(health.getDetails()).containsKey("error");
		assertThat(overallStatus(Status.UP, health.getStatus()).getCode()).isEqualTo("DEGRADED");
		assertThat(overallStatus(Status.DOWN, health.getStatus())).isEqualTo(Status.DOWN);
		assertThat(overallStatus(Status.UP, Status.UNKNOWN)).isEqualTo(Status.UP);
	}

	@Test
	void theDevelopmentMailboxReportsTheApplicationDegraded() throws IOException {
		HealthIndicator mail = new MailHealthConfiguration().mailHealthIndicator(mock(JavaMailSender.class));

		Health health = mail.health(true);

		assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
		assertThat(health.getDetails().get("delivery").toString()).contains("development mailbox");
		assertThat(overallStatus(Status.UP, health.getStatus()).getCode()).isEqualTo("DEGRADED");
	}

	@Test
	void anInstanceWithoutAMailHostReportsNoMailAndStaysUp() throws IOException {
		HealthIndicator mail = new MailHealthConfiguration().mailHealthIndicator(new JavaMailSenderImpl());

		assertThat(mail.health(true).getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(overallStatus(Status.UP, mail.health(true).getStatus())).isEqualTo(Status.UP);
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
