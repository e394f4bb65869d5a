package dev.orderly.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

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

	/**
	 * The one number a {@code SELECT count(*) …} answers, on a connection of its own. Parameters
	 * bind in order; a {@link List} binds as a {@code text[]} (for {@code = ANY(?)}).
	 */
	public long count(String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				if (parameters[i] instanceof List<?> list) {
					statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
				}
				else {
					statement.setObject(i + 1, parameters[i]);
				}
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
