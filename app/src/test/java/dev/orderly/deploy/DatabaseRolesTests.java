package dev.orderly.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.orderly.support.ModuleRoutes;
import dev.orderly.support.RepositoryFiles;

/**
 * Least privilege in the database (docs/adr/0038), for real on the local PostgreSQL: roles named for
 * this run are created by the shipped {@code deploy/postgres/roles.sql} (with psql, as compose and an
 * operator run it) in a database of this run; every module's migrations run as the migration role;
 * then each runtime role reaches exactly the schemas of the modules its deployable runs, with DML
 * only. Database and roles are dropped afterwards.
 */
class DatabaseRolesTests {

	private static final String SERVER_URL = env("ORDERLY_TEST_DATABASE_URL", "jdbc:postgresql://localhost:5432/postgres");

	private static final String ADMIN = env("ORDERLY_TEST_DATABASE_USERNAME", "postgres");

	private static final String ADMIN_PASSWORD = env("ORDERLY_TEST_DATABASE_PASSWORD", "");

	/** Each deployable's ORDERLY_MODULES, as docker-compose.yml and the Kubernetes overlays set it. */
	private static final Map<String, String> DEPLOYABLES = Map.of("monolith", "", "api", "users,auth,orders",
			"notifications", "notifications");

	private static final String PREFIX = "orderly_t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private static final String DATABASE = "orderly_test_" + System.currentTimeMillis() / 1000 + "_"
			+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static String databaseUrl;

	@BeforeAll
	static void createRolesAndMigrate() throws Exception {
		try (Connection admin = DriverManager.getConnection(SERVER_URL, ADMIN, ADMIN_PASSWORD);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + DATABASE);
		}
		databaseUrl = SERVER_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + DATABASE + "$1");
		runRolesScript();
		for (String location : migrationLocations()) {
			// as Spring Modulith's per-module Flyway does: one history table per module, the root's unsuffixed
			Flyway.configure()
				.dataSource(databaseUrl, PREFIX + "_migrator", PASSWORD)
				.locations("classpath:db/migration/" + location)
				.table(location.equals("__root") ? "flyway_schema_history" : "flyway_schema_history_" + location)
				.baselineVersion("0")
				.baselineOnMigrate(true)
				.load()
				.migrate();
		}
	}

	@AfterAll
	static void dropDatabaseAndRoles() throws SQLException {
		try (Connection admin = DriverManager.getConnection(SERVER_URL, ADMIN, ADMIN_PASSWORD);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
			List<String> roles = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery(
					"SELECT rolname FROM pg_roles WHERE rolname LIKE '" + PREFIX + "\\_%' ORDER BY rolcanlogin DESC")) {
				while (rows.next()) {
					roles.add(rows.getString(1));
				}
			}
			for (String role : roles) {
				statement.execute("DROP ROLE \"" + role + "\"");
			}
		}
	}

	@Test
	void theNotificationsRoleUsesItsOwnSchemaButIsRefusedTheSigningKeys() throws SQLException {
		try (Connection notifications = connect("notifications"); Statement statement = notifications.createStatement()) {
			UUID user = UUID.randomUUID();
			statement.executeUpdate("INSERT INTO notifications.recipients (user_id, source_at, created_at, updated_at) "
					+ "VALUES ('" + user + "', now(), now(), now())");
			assertThat(statement.executeUpdate("UPDATE notifications.recipients SET locale = 'en' WHERE user_id = '" + user + "'"))
				.isOne();
			try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM notifications.recipients")) {
				rows.next();
				assertThat(rows.getInt(1)).isOne();
			}
			assertThat(statement.executeUpdate("DELETE FROM notifications.recipients WHERE user_id = '" + user + "'")).isOne();
			// the platform's tables, shared by every instance
			statement.executeQuery("SELECT count(*) FROM event_publication").close();

			assertPermissionDenied(statement, "SELECT * FROM auth.signing_keys");
			assertPermissionDenied(statement, "SELECT * FROM auth.refresh_tokens");
			assertPermissionDenied(statement, "SELECT * FROM users.users");
			assertPermissionDenied(statement, "SELECT * FROM orders.orders");
			// no DDL: not in its own schema, not in public
			assertPermissionDenied(statement, "CREATE TABLE notifications.extra (id int)");
			assertPermissionDenied(statement, "CREATE TABLE public.extra (id int)");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("DROP TABLE notifications.recipients"))
				.satisfies(ex -> assertThat(ex.getSQLState()).isEqualTo("42501"))
				.withMessageContaining("must be owner");
			assertPermissionDenied(statement, "TRUNCATE notifications.recipients");
		}
	}

	@Test
	void theApiRoleIsRefusedTheNotificationsSchema() throws SQLException {
		try (Connection api = connect("api"); Statement statement = api.createStatement()) {
			statement.executeQuery("SELECT count(*) FROM auth.signing_keys").close();
			statement.executeQuery("SELECT count(*) FROM orders.orders").close();
			assertPermissionDenied(statement, "SELECT * FROM notifications.notifications");
			assertPermissionDenied(statement, "SELECT * FROM notifications.recipients");
			assertPermissionDenied(statement, "CREATE TABLE auth.extra (id int)");
		}
	}

	@Test
	void eachRuntimeRoleReachesExactlyTheTablesOfTheModulesItsDeployableRuns() throws SQLException {
		Map<String, List<String>> tables = tablesBySchema();
		assertThat(tables.keySet()).as("every module's migrations created its schema")
			.containsAll(moduleSchemas());
		try (Connection admin = DriverManager.getConnection(databaseUrl, ADMIN, ADMIN_PASSWORD);
				Statement statement = admin.createStatement()) {
			for (Map.Entry<String, String> deployable : DEPLOYABLES.entrySet()) {
				String role = PREFIX + "_" + deployable.getKey();
				Set<String> expected = new TreeSet<>(ModuleRoutes.runBy(deployable.getValue()));
				expected.add("public");
				for (Map.Entry<String, List<String>> schema : tables.entrySet()) {
					boolean reaches = expected.contains(schema.getKey());
					for (String table : schema.getValue()) {
						String qualified = schema.getKey() + "." + table;
						try (ResultSet rows = statement.executeQuery("SELECT has_table_privilege('" + role + "', '"
								+ qualified + "', 'SELECT,INSERT,UPDATE,DELETE'), has_table_privilege('" + role + "', '"
								+ qualified + "', 'TRUNCATE,REFERENCES,TRIGGER'), has_schema_privilege('" + role + "', '"
								+ schema.getKey() + "', 'CREATE')")) {
							rows.next();
							assertThat(rows.getBoolean(1)).as("%s has DML on %s", role, qualified).isEqualTo(reaches);
							assertThat(rows.getBoolean(2)).as("%s has more than DML on %s", role, qualified).isFalse();
							assertThat(rows.getBoolean(3)).as("%s may create in %s", role, schema.getKey()).isFalse();
						}
					}
				}
			}
		}
	}

	/** The deployables that do not migrate start all the same: their Flyway finds nothing to do. */
	@Test
	void flywayAsARuntimeRoleFindsNothingPendingOnceMigrated() {
		for (String location : migrationLocations()) {
			var result = Flyway.configure()
				.dataSource(databaseUrl, PREFIX + "_notifications", PASSWORD)
				.locations("classpath:db/migration/" + location)
				.table(location.equals("__root") ? "flyway_schema_history" : "flyway_schema_history_" + location)
				.baselineVersion("0")
				.baselineOnMigrate(true)
				.load()
				.migrate();
			assertThat(result.migrationsExecuted).isZero();
		}
	}

	private static void assertPermissionDenied(Statement statement, String sql) {
		assertThatExceptionOfType(SQLException.class).as(sql)
			.isThrownBy(() -> statement.execute(sql))
			.satisfies(ex -> assertThat(ex.getSQLState()).isEqualTo("42501"))
			.withMessageContaining("permission denied");
	}

	private static Connection connect(String deployable) throws SQLException {
		return DriverManager.getConnection(databaseUrl, PREFIX + "_" + deployable, PASSWORD);
	}

	private static Map<String, List<String>> tablesBySchema() throws SQLException {
		Map<String, List<String>> tables = new TreeMap<>();
		try (Connection admin = DriverManager.getConnection(databaseUrl, ADMIN, ADMIN_PASSWORD);
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT schemaname, tablename FROM pg_tables "
						+ "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
			while (rows.next()) {
				tables.computeIfAbsent(rows.getString(1), schema -> new ArrayList<>()).add(rows.getString(2));
			}
		}
		return tables;
	}

	/** The module folders of db/migration in the repository: one schema each, and __root (public). */
	private static List<String> migrationLocations() {
		try (Stream<Path> modules = Files.list(RepositoryFiles.root().resolve("modules"))) {
			List<String> locations = new ArrayList<>();
			for (Path module : modules.toList()) {
				Path migrations = module.resolve("src/main/resources/db/migration");
				if (Files.isDirectory(migrations)) {
					try (Stream<Path> folders = Files.list(migrations)) {
						folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).forEach(locations::add);
					}
				}
			}
			locations.sort((a, b) -> a.equals("__root") ? -1 : b.equals("__root") ? 1 : a.compareTo(b));
			return locations;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> moduleSchemas() {
		return migrationLocations().stream().filter(location -> !location.equals("__root")).toList();
	}

	private static void runRolesScript() throws IOException, InterruptedException {
		URI server = URI.create(SERVER_URL.substring("jdbc:".length()));
		ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.getHost(), "-p",
				String.valueOf(server.getPort() < 0 ? 5432 : server.getPort()), "-U", ADMIN, "-d", DATABASE, "-v",
				"prefix=" + PREFIX, "-v", "migrator_password=" + PASSWORD, "-v", "monolith_password=" + PASSWORD, "-v",
				"api_password=" + PASSWORD, "-v", "notifications_password=" + PASSWORD, "-f",
				RepositoryFiles.root().resolve("deploy/postgres/roles.sql").toString())
			.redirectErrorStream(true);
		psql.environment().put("PGPASSWORD", ADMIN_PASSWORD);
		Process process;
		try {
			process = psql.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("psql (PostgreSQL's client) is needed to run deploy/postgres/roles.sql", ex);
		}
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("psql did not finish in 60 s");
		}
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.exitValue()).as("psql -f deploy/postgres/roles.sql:%n%s", output).isZero();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
