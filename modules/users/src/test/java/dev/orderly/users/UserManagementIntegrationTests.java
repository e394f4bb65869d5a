package dev.orderly.users;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;
import dev.orderly.users.events.UserRolesChanged;

/** The users module alone: each use case publishes its event. */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class UserManagementIntegrationTests {

	@Autowired
	UserManagement users;

	@Autowired
	UserAccounts accounts;

	static String email() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}

	User register(String email) {
		return users.register(new UserManagement.Registration(email, "correct horse battery", "Ann", "en")).orElseThrow();
	}

	static CurrentUser self(User user) {
		return new CurrentUser(user.id(), Set.of("USER"));
	}

	@Test
	void registrationPublishesUserRegistered(Scenario scenario) {
		String email = email();
		scenario.stimulate(() -> register(email))
			.andWaitForEventOfType(UserRegistered.class)
			.matching(event -> event.email().equals(email))
			.toArriveAndVerify(event -> assertThat(event.displayName()).isEqualTo("Ann"));
	}

	@Test
	void registeringATakenEmailCreatesNothingAndTellsItsOwner(Scenario scenario) {
		String email = email();
		User owner = register(email);
		scenario.stimulate(() -> users.register(new UserManagement.Registration(email.toUpperCase(),
				"another horse battery", "Mallory", "de")))
			.andWaitForEventOfType(DuplicateRegistrationAttempted.class)
			.matching(event -> event.userId().equals(owner.id()))
			.toArriveAndVerify((event, result) -> {
				assertThat(result).isEmpty();
				assertThat(event.email()).isEqualTo(email);
				assertThat(event.displayName()).isEqualTo("Ann");
				assertThat(accounts.findByEmail(email)).map(UserAccount::id).contains(owner.id());
			});
	}

	@Test
	void registrationRequestsEmailVerificationWithAToken(Scenario scenario) {
		String email = email();
		scenario.stimulate(() -> register(email))
			.andWaitForEventOfType(EmailVerificationRequested.class)
			.matching(event -> event.email().equals(email))
			.toArriveAndVerify(event -> assertThat(event.token()).hasSize(43));
	}

	@Test
	void verifyingTheEmailPublishesUserEmailVerified(Scenario scenario) {
		String email = email();
		var captured = new java.util.concurrent.atomic.AtomicReference<EmailVerificationRequested>();
		scenario.stimulate(() -> register(email))
			.andWaitForEventOfType(EmailVerificationRequested.class)
			.matching(event -> event.email().equals(email))
			.toArriveAndVerify(captured::set);
		EmailVerificationRequested requested = captured.get();
		scenario.stimulate(() -> users.verifyEmail(requested.userId(), requested.token()))
			.andWaitForEventOfType(UserEmailVerified.class)
			.matching(event -> event.userId().equals(requested.userId()))
			.toArrive();
		assertThat(accounts.findById(requested.userId())).get().extracting(UserAccount::emailVerified).isEqualTo(true);
	}

	@Test
	void changingRolesPublishesTheNewSet(Scenario scenario) {
		User user = register(email());
		scenario.stimulate(() -> users.changeRoles(user.id(), Set.of("ADMIN")))
			.andWaitForEventOfType(UserRolesChanged.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArriveAndVerify(event -> assertThat(event.roles()).containsExactlyInAnyOrder("USER", "ADMIN"));
	}

	@Test
	void changingThePasswordPublishesPasswordChanged(Scenario scenario) {
		User user = register(email());
		scenario.stimulate(() -> users.changePassword(self(user), user.id(), "correct horse battery", "new horse battery"))
			.andWaitForEventOfType(PasswordChanged.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArrive();
		assertThat(accounts.authenticate(user.email(), "new horse battery")).isPresent();
		assertThat(accounts.authenticate(user.email(), "correct horse battery")).isEmpty();
	}

	@Test
	void resettingThePasswordPublishesPasswordChanged(Scenario scenario) {
		User user = register(email());
		scenario.stimulate(() -> accounts.resetPassword(user.id(), "reset horse battery"))
			.andWaitForEventOfType(PasswordChanged.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArrive();
		assertThat(accounts.authenticate(user.email(), "reset horse battery")).isPresent();
	}

	@Test
	void updatingTheProfilePublishesTheCurrentValues(Scenario scenario) {
		User user = register(email());
		scenario.stimulate(() -> users.changeProfile(self(user), user.id(),
				new UserManagement.ProfileChange("Ann B.", "+4915112345678", "de-DE")))
			.andWaitForEventOfType(UserProfileUpdated.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArriveAndVerify(event -> assertThat(event.phone()).isEqualTo("+4915112345678"));
	}

	@Test
	void deletingPublishesUserDeletedAndFreesTheEmail(Scenario scenario) {
		String email = email();
		User user = register(email);
		scenario.stimulate(() -> users.delete(self(user), user.id()))
			.andWaitForEventOfType(UserDeleted.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArrive();
		assertThat(accounts.findById(user.id())).isEmpty();
		assertThat(accounts.authenticate(email, "correct horse battery")).isEmpty();
		assertThat(register(email).id()).isNotEqualTo(user.id());
	}

	@Test
	void authenticatesOnlyWithTheRightPasswordAndANormalisedEmail() {
		String email = email();
		User user = register(email);
		assertThat(accounts.authenticate("  " + email.toUpperCase() + " ", "correct horse battery")).get()
			.satisfies(account -> {
				assertThat(account.id()).isEqualTo(user.id());
				assertThat(account.roles()).containsExactly("USER");
				assertThat(account.emailVerified()).isFalse();
			});
		assertThat(accounts.authenticate(email, "wrong horse battery")).isEmpty();
		assertThat(accounts.authenticate("nobody-" + email, "correct horse battery")).isEmpty();
		assertThat(accounts.authenticate(null, null)).isEmpty();
	}

	@Test
	void createsTheFirstAdministratorOnceOnly() {
		if (accounts.findByEmail("first-admin@example.com").isEmpty()) {
			// another test class of this JVM may have made an admin already; then nothing happens
			users.ensureFirstAdministrator("first-admin@example.com", "admin horse battery");
		}
		assertThat(users.ensureFirstAdministrator("second-admin@example.com", "admin horse battery")).isEmpty();
		assertThat(accounts.findByEmail("second-admin@example.com")).isEmpty();
	}

	@Test
	void refusesAnUnusableFirstAdministratorConfigurationLoudly() {
		assertThatThrownBy(() -> users.ensureFirstAdministrator("not-an-email", "admin horse battery"))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDERLY_ADMIN_EMAIL");
		assertThatThrownBy(() -> users.ensureFirstAdministrator("boss@example.com", "password1"))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDERLY_ADMIN_PASSWORD")
			.hasMessageNotContaining("password1");
	}

	@Test
	void neverLeavesTheSystemWithoutAnAdministrator() {
		users.ensureFirstAdministrator("first-admin@example.com", "admin horse battery");
		java.util.List<UserView> admins = users.list(new UserDirectory.Filter("ADMIN", null, null), null, 100);
		for (UserView other : admins.subList(1, admins.size())) {
			users.changeRoles(other.id(), Set.of("USER"));
		}
		UUID last = admins.get(0).id();
		assertThatThrownBy(() -> users.changeRoles(last, Set.of("USER")))
			.isInstanceOf(dev.orderly.platform.web.ApiException.class)
			.extracting(ex -> ((dev.orderly.platform.web.ApiException) ex).code()).isEqualTo("LAST_ADMIN");
		assertThatThrownBy(() -> users.delete(new CurrentUser(last, Set.of("ADMIN")), last))
			.isInstanceOf(dev.orderly.platform.web.ApiException.class)
			.extracting(ex -> ((dev.orderly.platform.web.ApiException) ex).code()).isEqualTo("LAST_ADMIN");
	}
}
