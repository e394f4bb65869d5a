package dev.orderly.platform.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * One code path for the test database: a Testcontainers PostgreSQL where a Docker engine is
 * available, an existing PostgreSQL server ({@link LocalPostgres}) otherwise. Import it through
 * {@link WithTestDatabase} so that the context cache shares it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	/** Set to {@code true} by a test whose context must start on an empty database of its own. */
	public static final String OWN_DATABASE = "orderly.test.database.own";

	private static Boolean dockerAvailable;

	static synchronized boolean dockerAvailable() {
		if (dockerAvailable == null) {
			dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
		}
		return dockerAvailable;
	}

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgres() {
		return new PostgreSQLContainer("postgres:17-alpine");
	}

	@Bean
	@Conditional(DockerUnavailable.class)
	DynamicPropertyRegistrar localPostgres(Environment environment) {
		// A container above is the context's own; a database on the local server is shared by the test
		// JVM's contexts unless a test asks for one of its own (see WithTestDatabase).
		boolean own = environment.getProperty(OWN_DATABASE, Boolean.class, false);
		return registry -> {
			LocalPostgres.Database database = own ? LocalPostgres.create() : LocalPostgres.database();
			registry.add("spring.datasource.url", database::url);
			registry.add("spring.datasource.username", database::username);
			registry.add("spring.datasource.password", database::password);
			// The database is dropped by a JVM shutdown hook that may run while Spring still closes
			// contexts: fail fast instead of waiting 30 s for a connection that cannot come.
			registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
		};
	}

	static class DockerAvailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return dockerAvailable();
		}
	}

	static class DockerUnavailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !dockerAvailable();
		}
	}
}
