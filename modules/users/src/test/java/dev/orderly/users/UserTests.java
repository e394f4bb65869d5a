package dev.orderly.users;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserTests {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	User user() {
		return User.register("ann@example.com", "{argon2}x", "Ann", "en", NOW);
	}

	@Test
	void startsAsAnUnverifiedUser() {
		User user = user();
		assertThat(user.roles()).containsExactly("USER");
		assertThat(user.isEmailVerified()).isFalse();
		assertThat(user.id().version()).isEqualTo(7);
	}

	@Test
	void alwaysKeepsTheUserRole() {
		User user = user();
		assertThat(user.changeRoles(Set.of("ADMIN"), NOW.plusSeconds(1))).isTrue();
		assertThat(user.roles()).containsExactlyInAnyOrder("USER", "ADMIN");
		assertThat(user.changeRoles(Set.of("ADMIN", "USER"), NOW.plusSeconds(2))).isFalse();
	}

	@Test
	void verifiesItsEmailOnce() {
		User user = user();
		assertThat(user.verifyEmail(NOW.plusSeconds(5))).isTrue();
		assertThat(user.verifyEmail(NOW.plusSeconds(6))).isFalse();
		assertThat(user.emailVerifiedAt()).isEqualTo(NOW.plusSeconds(5));
	}

	@Test
	void reportsAProfileChangeOnlyWhenSomethingChanged() {
		User user = user();
		assertThat(user.changeProfile("Ann", null, "en", NOW.plusSeconds(1))).isFalse();
		assertThat(user.changeProfile("Ann B.", "+4915112345678", "de-DE", NOW.plusSeconds(1))).isTrue();
		assertThat(user.updatedAt()).isEqualTo(NOW.plusSeconds(1));
	}
}
