package dev.orderly.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.orderly.platform.test.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every versioned migration of every module has a down script, and up → down → up leaves
 * exactly the schema that the first up created. Down scripts live in
 * {@code db/rollback/<module>/V<n>__<name>.down.sql}, outside Flyway's locations: Flyway
 * Community has no undo, so they are applied by hand (or by this test) when a release is
 * rolled back.
 */
class MigrationReversibilityTests {

	static final FreshDatabase DATABASE = FreshDatabase.create();

	static Stream<String> modules() {
		return Stream.of("__root", "users", "auth", "orders", "notifications", "webhooks", "audit");
	}

	@ParameterizedTest
	@MethodSource("modules")
	void migratesUpDownAndUpToTheSameSchema(String module) throws Exception {
		Flyway flyway = flyway(module);
		flyway.migrate();
		List<MigrationInfo> applied = Stream.of(flyway.info().applied())
			.filter(migration -> !migration.getType().isBaseline() && migration.getVersion() != null)
			.toList();
		assertThat(applied).as("versioned migrations of " + module).isNotEmpty();
		List<String> afterFirstUp = snapshot(module);
		assertThat(afterFirstUp).isNotEmpty();

		for (MigrationInfo migration : applied.reversed()) {
			execute(downScript(module, migration.getScript()));
		}
		execute("DROP TABLE " + historyTable(module));
		assertThat(snapshot(module)).as("schema of " + module + " after all down scripts").isEmpty();

		flyway(module).migrate();
		assertThat(snapshot(module)).as("schema of " + module + " after up, down, up").isEqualTo(afterFirstUp);
	}

	static Flyway flyway(String module) {
		return Flyway.configure()
			.dataSource(DATABASE.url(), DATABASE.username(), DATABASE.password())
			.locations("classpath:db/migration/" + module)
			.table(historyTable(module))
			// as Spring Modulith configures each module: several histories share one database
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
	}

	static String historyTable(String module) {
		return "flyway_history_reversibility_" + module.replace("_", "");
	}

	static String downScript(String module, String upScript) throws IOException {
		String name = upScript.substring(upScript.lastIndexOf('/') + 1).replace(".sql", ".down.sql");
		Resource[] found = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/rollback/" + module + "/" + name);
		assertThat(found).as("down script db/rollback/%s/%s for %s", module, name, upScript).hasSize(1);
		return found[0].getContentAsString(StandardCharsets.UTF_8);
	}

	static void execute(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Tables, columns, indexes, constraints, sequences and functions owned by a module: its
	 * schema, or for {@code __root} the public schema without Flyway's history tables.
	 */
	static List<String> snapshot(String module) throws SQLException {
		String schema = module.equals("__root") ? "public" : module;
		List<String> rows = new ArrayList<>();
		try (Connection connection = connect()) {
			query(connection, """
					SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname = ? AND nspname <> 'public'
					UNION ALL
					SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
					       || ' default=' || coalesce(column_default, '')
					  FROM information_schema.columns
					 WHERE table_schema = ? AND table_name NOT LIKE 'flyway%%'
					UNION ALL
					SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
					 WHERE schemaname = ? AND tablename NOT LIKE 'flyway%%'
					UNION ALL
					SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
					  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
					 WHERE n.nspname = ? AND c.conrelid::regclass::text NOT LIKE '%%flyway%%'
					UNION ALL
					SELECT 'sequence ' || sequence_name FROM information_schema.sequences WHERE sequence_schema = ?
					UNION ALL
					SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
					  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?
					ORDER BY 1
					""".replace("%%", "%"), schema, rows);
		}
		return rows;
	}

	private static void query(Connection connection, String sql, String schema, List<String> rows) throws SQLException {
		try (var statement = connection.prepareStatement(sql)) {
			for (int i = 1; i <= 6; i++) {
				statement.setString(i, schema);
			}
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(result.getString(1));
				}
			}
		}
	}

	static Connection connect() throws SQLException {
		return DriverManager.getConnection(DATABASE.url(), DATABASE.username(), DATABASE.password());
	}
}
