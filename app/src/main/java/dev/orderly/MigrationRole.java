package dev.orderly;

import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The database role that migrates, apart from the role the instance runs with (docs/adr/0038).
 * <p>
 * With {@code ORDERLY_DATABASE_MIGRATION_USERNAME} (and {@code _PASSWORD}) set, Flyway — every module's
 * migrations, Spring Modulith's per-module Flyway included, which copies Flyway's configuration —
 * connects as that role ({@code spring.flyway.user}, Boot then builds Flyway a connection of its own
 * to the same URL), while the connection pool keeps the runtime role of {@code ORDERLY_DATABASE_USERNAME},
 * which has DML on its modules' schemas only ({@code deploy/postgres/roles.sql}). Not set (the
 * default, {@code ./orderly run}): Flyway uses the pool's one role, as before.
 * <p>
 * A default only: an explicit {@code spring.flyway.user} wins. Not in application.yml because Boot
 * treats an empty {@code spring.flyway.user} as set.
 */
final class MigrationRole {

	static final String USERNAME = "orderly.database.migration-username";

	static final String PASSWORD = "orderly.database.migration-password";

	private MigrationRole() {
	}

	static void apply(ConfigurableEnvironment environment) {
		String username = environment.getProperty(USERNAME);
		if (!StringUtils.hasText(username)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("orderlyMigrationRole", Map.of("spring.flyway.user", username.strip(),
					"spring.flyway.password", environment.getProperty(PASSWORD, ""))));
	}
}
