package dev.orderly.users.application;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import dev.orderly.users.persistence.EmailVerificationTokens;
import dev.orderly.platform.Actor;
import dev.orderly.platform.Retention;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.users.domain.LastAdministrator;
import dev.orderly.users.domain.NotAllowed;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.UserNotFound;
import dev.orderly.users.domain.UserView;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;
import dev.orderly.users.events.UserRolesChanged;
import dev.orderly.users.persistence.UserDirectory;

import static dev.orderly.users.UserRequests.PASSWORD;
import static dev.orderly.users.UserRequests.administrator;
import static dev.orderly.users.UserRequests.email;
import static dev.orderly.users.UserRequests.newAccount;
import static dev.orderly.users.UserRequests.profile;
import static dev.orderly.users.UserRequests.self;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The users module alone: each use case publishes its event (the account registers it, the
 * repository publishes it on save, and the publication registry records it in the transaction).
 */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class UserUseCasesIntegrationTests {

	@Autowired
	Registration registration;

	@Autowired
	AccountLookup lookup;

	@Autowired
	ProfileUpdates profiles;

	@Autowired
	RoleChanges roleChanges;

	@Autowired
	AccountDeletion deletion;

	@Autowired
	EmailVerification verification;

	@Autowired
	PasswordChanges passwordChanges;

	@Autowired
	FirstAdministrator firstAdministrator;

	@Autowired
	UserAccounts accounts;

	User registered(String email) {
		return registration.register(newAccount(email)).orElseThrow();
	}

	@Test
	void registrationPublishesUserRegistered(Scenario scenario) {
		String email = email();
		scenario.stimulate(() -> registered(email))
			.andWaitForEventOfType(UserRegistered.class)
			.matching(event -> event.email().equals(email))
			.toArriveAndVerify(event -> assertThat(event.displayName()).isEqualTo("Ann"));
	}

	@Test
	void registeringATakenEmailCreatesNothingAndTellsItsOwner(Scenario scenario) {
		String email = email();
		User owner = registered(email);
		scenario.stimulate(() -> registration.register(new Registration.NewAccount(email.toUpperCase(),
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
		scenario.stimulate(() -> registered(email))
			.andWaitForEventOfType(EmailVerificationRequested.class)
			.matching(event -> event.email().equals(email))
			.toArriveAndVerify(event -> assertThat(event.token()).hasSize(43));
	}

	@Test
	void verifyingTheEmailPublishesUserEmailVerified(Scenario scenario) {
		String email = email();
		var captured = new AtomicReference<EmailVerificationRequested>();
		scenario.stimulate(() -> registered(email))
			.andWaitForEventOfType(EmailVerificationRequested.class)
			.matching(event -> event.email().equals(email))
			.toArriveAndVerify(captured::set);
		EmailVerificationRequested requested = captured.get();
		scenario.stimulate(() -> verification.verify(requested.userId(), requested.token()))
			.andWaitForEventOfType(UserEmailVerified.class)
			.matching(event -> event.userId().equals(requested.userId()))
			.toArrive();
		assertThat(accounts.findById(requested.userId())).get().extracting(UserAccount::emailVerified).isEqualTo(true);
	}

	@Test
	void changingRolesPublishesTheNewSet(Scenario scenario) {
		User user = registered(email());
		scenario.stimulate(() -> roleChanges.change(Actor.system(), user.id(), Set.of("ADMIN")))
			.andWaitForEventOfType(UserRolesChanged.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArriveAndVerify(event -> assertThat(event.roles()).containsExactlyInAnyOrder("USER", "ADMIN"));
	}

	@Test
	void changingThePasswordPublishesPasswordChanged(Scenario scenario) {
		User user = registered(email());
		scenario.stimulate(() -> passwordChanges.change(self(user.id()), user.id(), PASSWORD, "new horse battery"))
			.andWaitForEventOfType(PasswordChanged.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArrive();
		assertThat(accounts.authenticate(user.email(), "new horse battery")).isPresent();
		assertThat(accounts.authenticate(user.email(), PASSWORD)).isEmpty();
	}

	@Test
	void resettingThePasswordPublishesPasswordChanged(Scenario scenario) {
		User user = registered(email());
		scenario.stimulate(() -> accounts.resetPassword(user.id(), "reset horse battery"))
			.andWaitForEventOfType(PasswordChanged.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArrive();
		assertThat(accounts.authenticate(user.email(), "reset horse battery")).isPresent();
	}

	@Test
	void updatingTheProfilePublishesTheCurrentValues(Scenario scenario) {
		User user = registered(email());
		ProfileUpdates.ProfileChange change = profile("Ann B.", "+4915112345678", "de-DE");
		scenario.stimulate(() -> profiles.replace(self(user.id()), user.id(), change))
			.andWaitForEventOfType(UserProfileUpdated.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArriveAndVerify(event -> assertThat(event.phone()).isEqualTo("+4915112345678"));
	}

	@Test
	void deletingPublishesUserDeletedAndFreesTheEmail(Scenario scenario) {
		String email = email();
		User user = registered(email);
		scenario.stimulate(() -> deletion.delete(self(user.id()), user.id()))
			.andWaitForEventOfType(UserDeleted.class)
			.matching(event -> event.userId().equals(user.id()))
			.toArrive();
		assertThat(accounts.findById(user.id())).isEmpty();
		assertThat(accounts.authenticate(email, PASSWORD)).isEmpty();
		assertThat(registered(email).id()).isNotEqualTo(user.id());
	}

	@Test
	void refusesAnotherUsersAccountAsNotFoundAndTheListToUsers() {
		User ann = registered(email());
		User bob = registered(email());
		assertThatThrownBy(() -> lookup.get(self(ann.id()), bob.id())).isInstanceOf(UserNotFound.class);
		assertThatThrownBy(() -> deletion.delete(self(ann.id()), bob.id())).isInstanceOf(UserNotFound.class);
		assertThatThrownBy(() -> lookup.list(self(ann.id()), new UserDirectory.Filter(null, null, null), null, 10))
			.isInstanceOf(NotAllowed.class);
		assertThatThrownBy(() -> roleChanges.change(self(ann.id()), ann.id(), Set.of("ADMIN")))
			.isInstanceOf(NotAllowed.class);
		assertThat(lookup.get(administrator(UUID.randomUUID()), bob.id()).id()).isEqualTo(bob.id());
	}

	@Test
	void authenticatesOnlyWithTheRightPasswordAndANormalisedEmail() {
		String email = email();
		User user = registered(email);
		assertThat(accounts.authenticate("  " + email.toUpperCase() + " ", PASSWORD)).get()
			.satisfies(account -> {
				assertThat(account.id()).isEqualTo(user.id());
				assertThat(account.roles()).containsExactly("USER");
				assertThat(account.emailVerified()).isFalse();
			});
		assertThat(accounts.authenticate(email, "wrong horse battery")).isEmpty();
		assertThat(accounts.authenticate("nobody-" + email, PASSWORD)).isEmpty();
		assertThat(accounts.authenticate(null, null)).isEmpty();
	}

	@Test
	void createsTheFirstAdministratorOnceOnly() {
		if (accounts.findByEmail("first-admin@example.com").isEmpty()) {
			// another test class of this JVM may have made an admin already; then nothing happens
			firstAdministrator.ensure("first-admin@example.com", "admin horse battery");
		}
		assertThat(firstAdministrator.ensure("second-admin@example.com", "admin horse battery")).isEmpty();
		assertThat(accounts.findByEmail("second-admin@example.com")).isEmpty();
	}

	@Test
	void refusesAnUnusableFirstAdministratorConfigurationLoudly() {
		assertThatThrownBy(() -> firstAdministrator.ensure("not-an-email", "admin horse battery"))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDERLY_ADMIN_EMAIL");
		assertThatThrownBy(() -> firstAdministrator.ensure("boss@example.com", "password1"))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDERLY_ADMIN_PASSWORD")
			.hasMessageNotContaining("password1");
	}

	@Test
	void neverLeavesTheSystemWithoutAnAdministrator() {
		firstAdministrator.ensure("first-admin@example.com", "admin horse battery");
		List<UserView> admins = lookup.list(Actor.system(), new UserDirectory.Filter("ADMIN", null, null), null, 100);
		for (UserView other : admins.subList(1, admins.size())) {
			roleChanges.change(Actor.system(), other.id(), Set.of("USER"));
		}
		UUID last = admins.get(0).id();
		assertThatThrownBy(() -> roleChanges.change(Actor.system(), last, Set.of("USER")))
			.isInstanceOf(LastAdministrator.class);
		assertThatThrownBy(() -> deletion.delete(administrator(last), last)).isInstanceOf(LastAdministrator.class);
	}

	@Autowired
	EmailVerificationTokens verificationTokens;

	@Autowired
	JdbcClient retentionJdbc;

	/** Retention: verification tokens go 7 days after they expired or were used. */
	@Test
	void retentionDeletesSpentVerificationTokensInBatches() {
		User user = registration.register(new Registration.NewAccount(
				"retention-" + UUID.randomUUID() + "@example.com", "Pw-" + UUID.randomUUID(), "Retained", "en")).orElseThrow();
		UUID expired = verificationRow(user.id(), "now() - interval '8 days'", null);
		UUID used = verificationRow(user.id(), "now() + interval '1 day'", "now() - interval '8 days'");
		UUID recent = verificationRow(user.id(), "now() - interval '1 day'", null);

		int deleted = Retention.purge("users.email_verification_tokens", 1,
				batch -> verificationTokens.deleteSpentBefore(Duration.ofDays(7), batch));

		assertThat(deleted).isGreaterThanOrEqualTo(2);
		assertThat(retentionJdbc.sql("SELECT id FROM users.email_verification_tokens WHERE user_id = :u")
			.param("u", user.id()).query(UUID.class).list()).contains(recent).doesNotContain(expired, used);
	}

	UUID verificationRow(UUID user, String expiresAt, String usedAt) {
		UUID id = UUID.randomUUID();
		retentionJdbc.sql("""
				INSERT INTO users.email_verification_tokens (id, user_id, token_hash, expires_at, used_at, created_at, updated_at)
				VALUES (:id, :user, :hash, %s, %s, now() - interval '9 days', now())"""
			.formatted(expiresAt, usedAt == null ? "NULL" : usedAt))
			.param("id", id).param("user", user).param("hash", "v-" + id).update();
		return id;
	}
}
