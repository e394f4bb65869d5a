package dev.orderly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.StringUtils;

/**
 * Which modules this instance runs ({@code orderly.modules}, {@code ORDERLY_MODULES}; ADR 0022).
 * <ul>
 * <li>Not set (the default): every module in this one process, events in-process only, no message
 * broker: RabbitMQ's auto-configuration is excluded, so nothing connects to one.</li>
 * <li>Set, e.g. {@code users,auth,orders} or {@code notifications}: split mode. The component scan
 * leaves out the modules not listed (their code stays on the class path; all Flyway migrations still
 * run, the schema is one), the integration events are externalised to RabbitMQ
 * ({@link SplitModeConfiguration}) and {@code orderly.split.enabled} is {@code true}; without
 * {@code auth}, access tokens are validated with auth's JWKS ({@code orderly.split.jwks-uri}) and
 * {@code orderly.split.remote-auth} is {@code true}.</li>
 * </ul>
 * An instance that runs notifications must have a way to deliver email ({@link MailDelivery}); under a
 * prod profile one that runs auth must have its signing keys from a secret ({@link ProductionSecrets}).
 * <p>
 * Listing every module is split mode with everything in one process (it both externalises and
 * consumes); it is allowed but pointless outside of tests.
 * <p>
 * Registered in {@code META-INF/spring.factories}, so that it applies to {@code java -jar}, child
 * instances and {@code @SpringBootTest} alike, before the component scan and the auto-configuration.
 */
public final class OrderlyModules implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The modules that can be switched off; platform is always there. */
	static final List<String> MODULES = List.of("users", "auth", "orders", "notifications");

	static final String PROPERTY = "orderly.modules";

	/** What the default mode leaves out: nothing may try to reach a broker. */
	static final List<String> BROKER_AUTO_CONFIGURATION = List.of(
			"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
			"org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
			"org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Set<String> modules = parse(environment.getProperty(PROPERTY));
		if (modules.isEmpty() || modules.contains("notifications")) {
			MailDelivery.check(environment);
		}
		ProductionSecrets.check(environment, modules.isEmpty() || modules.contains("auth"));
		managementOnLoopbackByDefault(environment);
		MigrationRole.apply(environment);
		Map<String, Object> derived = new LinkedHashMap<>();
		if (modules.isEmpty()) {
			List<String> exclude = new ArrayList<>(
					StringUtils.commaDelimitedListToSet(environment.getProperty("spring.autoconfigure.exclude", "")));
			exclude.addAll(BROKER_AUTO_CONFIGURATION);
			derived.put("spring.autoconfigure.exclude", String.join(",", exclude));
			derived.put("orderly.split.enabled", "false");
			derived.put("orderly.split.remote-auth", "false");
		}
		else {
			derived.put("orderly.split.enabled", "true");
			derived.put("orderly.split.remote-auth", String.valueOf(!modules.contains("auth")));
			Set<String> excluded = new LinkedHashSet<>(MODULES);
			excluded.removeAll(modules);
			context.getBeanFactory().registerSingleton("orderlyModulesExcluded", new ExcludeModules(excluded));
		}
		environment.getPropertySources().addFirst(new MapPropertySource("orderlyModules", derived));
	}

	/**
	 * A separate management port (it answers Prometheus without a token, ADR 0023) listens on loopback
	 * unless {@code management.server.address} says otherwise (docs/adr/0034). A default only: Boot
	 * refuses an address without a separate port, so it cannot live in application.yml.
	 */
	static void managementOnLoopbackByDefault(ConfigurableEnvironment environment) {
		String port = environment.getProperty("management.server.port");
		if (StringUtils.hasText(port) && !"-1".equals(port.strip())
				&& !environment.containsProperty("management.server.address")) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("orderlyManagementDefaults",
						Map.of("management.server.address", "127.0.0.1")));
		}
	}

	/** The modules named in {@code value}; empty when it is blank. Unknown names are an error. */
	static Set<String> parse(String value) {
		Set<String> modules = new LinkedHashSet<>();
		if (value == null) {
			return modules;
		}
		Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).forEach(name -> {
			if (!MODULES.contains(name)) {
				throw new IllegalArgumentException(
						PROPERTY + " names an unknown module '" + name + "'; known: " + String.join(",", MODULES));
			}
			modules.add(name);
		});
		return modules;
	}

	/** Leaves the classes of the given modules out of the component scan. */
	static final class ExcludeModules extends TypeExcludeFilter {

		private final Set<String> prefixes = new LinkedHashSet<>();

		ExcludeModules(Set<String> modules) {
			modules.forEach(module -> prefixes.add("dev.orderly." + module + "."));
		}

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			String name = reader.getClassMetadata().getClassName();
			return prefixes.stream().anyMatch(name::startsWith);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeModules modules && modules.prefixes.equals(prefixes);
		}

		@Override
		public int hashCode() {
			return prefixes.hashCode();
		}
	}
}
