package dev.orderly;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How {@code orderly.modules} selects single-process or split mode (ADR 0022). */
class OrderlyModulesTests {

	final MetadataReaderFactory readers = new SimpleMetadataReaderFactory();

	@Test
	void byDefaultEverythingRunsInOneProcessAndNothingReachesForABroker() {
		GenericApplicationContext context = initialized(new MockEnvironment()
			.withProperty("spring.autoconfigure.exclude", "com.example.SomeAutoConfiguration"));
		assertThat(context.getEnvironment().getProperty("orderly.split.enabled")).isEqualTo("false");
		assertThat(context.getEnvironment().getProperty("spring.autoconfigure.exclude"))
			.contains("com.example.SomeAutoConfiguration")
			.contains("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration");
		assertThat(context.getBeanFactory().containsSingleton("orderlyModulesExcluded")).isFalse();
	}

	@Test
	void aNotificationsInstanceLeavesTheOtherModulesOutAndValidatesTokensWithTheJwks() throws IOException {
		GenericApplicationContext context = initialized(new MockEnvironment().withProperty("orderly.modules", " notifications "));
		assertThat(context.getEnvironment().getProperty("orderly.split.enabled")).isEqualTo("true");
		assertThat(context.getEnvironment().getProperty("orderly.split.remote-auth")).isEqualTo("true");
		assertThat(context.getEnvironment().getProperty("spring.autoconfigure.exclude", "")).doesNotContain("Rabbit");
		OrderlyModules.ExcludeModules filter = (OrderlyModules.ExcludeModules) context.getBeanFactory()
			.getSingleton("orderlyModulesExcluded");
		assertThat(excludes(filter, "dev.orderly.users.application.Registration")).isTrue();
		assertThat(excludes(filter, "dev.orderly.auth.AccessTokens")).isTrue();
		assertThat(excludes(filter, "dev.orderly.orders.application.OrderManagement")).isTrue();
		assertThat(excludes(filter, "dev.orderly.notifications.application.NotificationIntake")).isFalse();
		assertThat(excludes(filter, "dev.orderly.platform.security.SecurityConfiguration")).isFalse();
		assertThat(excludes(filter, "dev.orderly.SplitModeConfiguration")).isFalse();
	}

	@Test
	void anApiInstanceKeepsAuthAndLeavesNotificationsOut() throws IOException {
		GenericApplicationContext context = initialized(
				new MockEnvironment().withProperty("orderly.modules", "users,auth,orders"));
		assertThat(context.getEnvironment().getProperty("orderly.split.enabled")).isEqualTo("true");
		assertThat(context.getEnvironment().getProperty("orderly.split.remote-auth")).isEqualTo("false");
		OrderlyModules.ExcludeModules filter = (OrderlyModules.ExcludeModules) context.getBeanFactory()
			.getSingleton("orderlyModulesExcluded");
		assertThat(excludes(filter, "dev.orderly.notifications.application.NotificationIntake")).isTrue();
		assertThat(excludes(filter, "dev.orderly.orders.application.OrderManagement")).isFalse();
	}

	@Test
	void anUnknownModuleIsAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> initialized(new MockEnvironment().withProperty("orderly.modules", "users,billing")))
			.withMessageContaining("billing");
	}

	private static GenericApplicationContext initialized(MockEnvironment environment) {
		if (environment.getProperty("spring.mail.host") == null) {
			environment.setProperty("spring.mail.host", "smtp.example.test"); // (MailDelivery: NewcomerDefaultsTests)
		}
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);
		new OrderlyModules().initialize(context);
		return context;
	}

	private boolean excludes(OrderlyModules.ExcludeModules filter, String className) throws IOException {
		return filter.match(readers.getMetadataReader(className), readers);
	}
}
