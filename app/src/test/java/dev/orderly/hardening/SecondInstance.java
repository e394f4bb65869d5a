package dev.orderly.hardening;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import dev.orderly.OrderlyApplication;
import dev.orderly.support.AppTokensConfiguration;

/**
 * Another instance of the whole application in the same JVM, on a random port, against a
 * database of the test's choosing — for tests about several instances or about the database
 * going away. Test classes on the class path are kept out of its component scan.
 */
final class SecondInstance implements AutoCloseable {

	final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The connection settings of the test database behind {@code dataSource}. */
	record Database(String url, String username, String password) {

		static Database of(DataSource dataSource) {
			try {
				HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
				return new Database(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The same database through another host and port (a proxy). */
		Database via(String host, int port) {
			return new Database(url.replaceFirst("//[^/]+/", "//" + host + ":" + port + "/"), username, password);
		}

		String host() {
			return url.replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
		}

		int port() {
			String port = url.replaceFirst("^jdbc:postgresql://[^:/]+(:(\\d+))?/.*$", "$2");
			return port.isEmpty() ? 5432 : Integer.parseInt(port);
		}
	}

	static SecondInstance start(Database database, Map<String, String> properties) {
		// command-line arguments: they win over application.yml
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + (database.password() == null ? "" : database.password())));
		// The application's signing key (AppTokensConfiguration's registrar, which takes precedence over any
		// argument), unless the caller gives the instance keys of its own.
		boolean ownKeys = properties.keySet().stream().anyMatch(key -> key.startsWith("orderly.auth.signing-keys"));
		if (!ownKeys) {
			all.add("--orderly.auth.signing-keys=" + AppTokensConfiguration.signingKeyPem());
		}
		if (!properties.containsKey("spring.mail.host") && !properties.containsKey("orderly.notifications.dev-mailbox")) {
			// no SMTP server: the development mailbox, asked for explicitly (as the test context does)
			all.add("--orderly.notifications.dev-mailbox=true");
		}
		properties.forEach((key, value) -> all.add("--" + key + "=" + value));
		Class<?>[] sources = ownKeys ? new Class<?>[] { OrderlyApplication.class, HardeningProbes.class }
				: new Class<?>[] { OrderlyApplication.class, AppTokensConfiguration.class, HardeningProbes.class };
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources)
			.web(WebApplicationType.SERVLET)
			.initializers(ctx -> ctx.getBeanFactory().registerSingleton("excludeTestClasses", new ExcludeTestClasses()))
			.run(all.toArray(String[]::new));
		return new SecondInstance(context);
	}

	int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

	/** Keeps test configurations and test classes out of the instance's component scan. */
	static final class ExcludeTestClasses extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			if (reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName())
					|| reader.getClassMetadata().getClassName().endsWith("Tests")) {
				return true;
			}
			String enclosing = reader.getClassMetadata().getEnclosingClassName();
			return enclosing != null && match(factory.getMetadataReader(enclosing), factory);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeTestClasses;
		}

		@Override
		public int hashCode() {
			return ExcludeTestClasses.class.hashCode();
		}
	}
}
