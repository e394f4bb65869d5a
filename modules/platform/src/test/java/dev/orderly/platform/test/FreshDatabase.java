package dev.orderly.platform.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A database of its own for tests that run without Spring (e.g. migration tests), created on the
 * same path as {@link WithTestDatabase}: a container where Docker exists, a new database on the
 * existing server otherwise. Dropped or stopped when the JVM exits.
 */
public record FreshDatabase(String url, String username, String password) {

	public static FreshDatabase create() {
		if (TestDatabaseConfiguration.dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return new FreshDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		LocalPostgres.Database database = LocalPostgres.create();
		return new FreshDatabase(database.url(), database.username(), database.password());
	}
}
