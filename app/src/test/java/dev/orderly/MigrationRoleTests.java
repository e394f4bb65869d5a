package dev.orderly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

/** Flyway's own user only when a migration role is configured (docs/adr/0038). */
class MigrationRoleTests {

	@Test
	void aConfiguredMigrationRoleBecomesFlywaysUser() {
		MockEnvironment environment = new MockEnvironment().withProperty(MigrationRole.USERNAME, "orderly_migrator")
			.withProperty(MigrationRole.PASSWORD, "not-a-real-password");

		MigrationRole.apply(environment);

		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("orderly_migrator");
		assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("not-a-real-password");
	}

	@Test
	void withoutOneFlywayUsesThePoolsRoleAsBefore() {
		MockEnvironment environment = new MockEnvironment().withProperty(MigrationRole.USERNAME, "");

		MigrationRole.apply(environment);

		assertThat(environment.containsProperty("spring.flyway.user")).isFalse();
		assertThat(environment.containsProperty("spring.flyway.password")).isFalse();
	}

	@Test
	void anExplicitFlywayUserWins() {
		MockEnvironment environment = new MockEnvironment().withProperty(MigrationRole.USERNAME, "orderly_migrator")
			.withProperty("spring.flyway.user", "someone_else");

		MigrationRole.apply(environment);

		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("someone_else");
	}
}
