package dev.orderly.users.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import dev.orderly.users.events.FirstAdministratorCreated;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;
import dev.orderly.users.events.UserRolesChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	/** What the account registered, to be published when it is saved. */
	static List<Object> events(User user) {
		Collection<Object> events = ReflectionTestUtils.invokeMethod(user, "domainEvents");
		return List.copyOf(events);
	}

	@Test
	void registersUserRegisteredWhenCreated() {
		User user = user();
		assertThat(events(user)).containsExactly(new UserRegistered(user.id(), "ann@example.com", "Ann", "en", NOW));
	}

	@Test
	void aProvisionedAccountIsVerifiedAndRegistersOnlyUserRegistered() {
		User admin = User.provision("boss@example.com", "{argon2}x", "Administrator", Set.of("ADMIN"), NOW);
		assertThat(admin.roles()).containsExactly("ADMIN", "USER");
		assertThat(admin.emailVerifiedAt()).isEqualTo(NOW);
		assertThat(events(admin)).singleElement().isInstanceOf(UserRegistered.class);
	}

	@Test
	void registersAnEventForEachChangeAndNoneWhenNothingChanged() {
		User user = user();
		Instant later = NOW.plusSeconds(1);
		user.changeProfile("Ann", null, "en", later);
		user.changeRoles(Set.of("USER"), later);
		user.verifyEmail(later);
		user.verifyEmail(later.plusSeconds(1));
		user.changeProfile("Ann B.", "+4915112345678", "de-DE", later);
		UUID admin = UUID.randomUUID();
		user.changeRoles(Set.of("ADMIN"), later, admin, "req-1");
		user.changePassword("{argon2}y", later);
		user.upgradePasswordHash("{argon2}z", later);
		user.delete(later, admin, "req-2");
		assertThat(events(user)).containsExactly(
				new UserRegistered(user.id(), "ann@example.com", "Ann", "en", NOW),
				new UserEmailVerified(user.id(), "ann@example.com", later),
				new UserProfileUpdated(user.id(), "ann@example.com", "Ann B.", "+4915112345678", "de-DE", later),
				new UserRolesChanged(user.id(), Set.of("ADMIN", "USER"), later, Set.of("USER"), admin, "req-1"),
				new PasswordChanged(user.id(), "ann@example.com", "Ann B.", later),
				new UserDeleted(user.id(), later, admin, "req-2"));
	}

	@Test
	void theFirstAdministratorIsAnActionOfTheSystemForTheAuditTrail() {
		User admin = User.provisionFirstAdministrator("boss@example.com", "{argon2}x", NOW);
		assertThat(admin.roles()).containsExactly("ADMIN", "USER");
		assertThat(events(admin)).containsExactly(new UserRegistered(admin.id(), "boss@example.com", "Administrator", null, NOW),
				new FirstAdministratorCreated(admin.id(), NOW));
	}

	@Test
	void refusesAnUnknownRole() {
		User user = user();
		assertThatThrownBy(() -> user.changeRoles(Set.of("ROOT"), NOW)).isInstanceOf(UnknownRole.class);
		assertThat(user.roles()).containsExactly("USER");
	}
}
