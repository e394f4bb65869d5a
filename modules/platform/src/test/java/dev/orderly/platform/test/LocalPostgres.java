package dev.orderly.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.SpringApplication;

/**
 * The no-Docker path of the test database: an existing PostgreSQL server, from
 * {@code ORDERLY_TEST_DATABASE_URL} (plus {@code _USERNAME}, {@code _PASSWORD}) or else
 * {@code jdbc:postgresql://localhost:5432/postgres} as {@code postgres}. Each test JVM gets a
 * database of its own, created on first use and dropped when the JVM exits (after Spring Boot closed
 * the JVM's application contexts); databases of test
 * JVMs that were killed are swept after six hours.
 */
final class LocalPostgres {

	static final String URL_VARIABLE = "ORDERLY_TEST_DATABASE_URL";

	private static final String PREFIX = "orderly_test_";

	/** A test JVM that was killed never dropped its database; sweep those older than this. */
	private static final long ABANDONED_AFTER_SECONDS = 6 * 3600;

	private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";

	private static Database database;

	private LocalPostgres() {
	}

	record Database(String url, String username, String password) {
	}

	static synchronized Database database() {
		if (database == null) {
			database = create();
		}
		return database;
	}

	static Database create() {
		String serverUrl = env(URL_VARIABLE, DEFAULT_URL);
		String username = env("ORDERLY_TEST_DATABASE_USERNAME", "postgres");
		String password = env("ORDERLY_TEST_DATABASE_PASSWORD", "");
		long now = System.currentTimeMillis() / 1000;
		String name = PREFIX + now + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
				Statement statement = connection.createStatement()) {
			dropAbandoned(connection, now);
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("""
					No database for the tests: Docker is not available for Testcontainers, and PostgreSQL \
					at %s (user %s) cannot be used (%s). Start Docker, or start PostgreSQL 15+ there, or set \
					%s (and ORDERLY_TEST_DATABASE_USERNAME / ORDERLY_TEST_DATABASE_PASSWORD) to a server \
					on which that user may create databases.""".formatted(serverUrl, username, ex.getMessage(),
					URL_VARIABLE), ex);
		}
		// After Spring Boot closed the test JVM's application contexts, not beside them: a JVM shutdown hook
		// of its own ran concurrently with their closing, dropped the database under their pools, and each
		// context's last work (the event publication registry's, the rate limits' write-back) then waited
		// for a connection until surefire killed the JVM 30 s after its System.exit.
		SpringApplication.getShutdownHandlers().add(() -> drop(serverUrl, username, password, name));
		return new Database(withDatabase(serverUrl, name), username, password);
	}

	private static void dropAbandoned(Connection connection, long now) throws SQLException {
		List<String> abandoned = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet databases = statement.executeQuery(
						"SELECT datname FROM pg_database WHERE datname LIKE 'orderly\\_test\\_%'")) {
			while (databases.next()) {
				String database = databases.getString(1);
				String[] parts = database.substring(PREFIX.length()).split("_");
				if (parts.length == 2 && parts[0].matches("\\d+") && now - Long.parseLong(parts[0]) > ABANDONED_AFTER_SECONDS) {
					abandoned.add(database);
				}
			}
		}
		for (String database : abandoned) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	private static void drop(String serverUrl, String username, String password, String name) {
		try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			// Logback may already be stopped in a shutdown hook; the JDK's logger is not.
			System.getLogger(LocalPostgres.class.getName())
				.log(System.Logger.Level.WARNING, "Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	/** Replaces the database name in a {@code jdbc:postgresql://host:port/name?params} URL. */
	static String withDatabase(String url, String name) {
		int hostStart = url.indexOf("//") + 2;
		int pathStart = url.indexOf('/', hostStart);
		int query = url.indexOf('?', hostStart);
		String hostPart = url.substring(0, pathStart < 0 ? (query < 0 ? url.length() : query) : pathStart);
		String params = query < 0 ? "" : url.substring(query);
		return hostPart + "/" + name + params;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
