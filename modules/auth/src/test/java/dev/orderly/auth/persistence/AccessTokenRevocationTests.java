package dev.orderly.auth.persistence;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.web.servlet.client.RestTestClient;


import dev.orderly.auth.AuthProperties;
import dev.orderly.auth.AuthRequests.Account;
import dev.orderly.auth.AuthRequests;
import dev.orderly.auth.web.AuthApiTests;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccounts;

import static dev.orderly.auth.AuthRequests.bearer;
import static dev.orderly.auth.AuthRequests.refreshToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Revoked means revoked (ADR 0015): logout, a password change or reset, a role change and a
 * deletion end the user's earlier access tokens on this instance before the response returns, and
 * on every other instance within the refresh interval (500 ms; the test allows 2 s), also while the
 * application's scheduler is busy with a long task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(AuthApiTests.ResetMailbox.class) // the same context as AuthApiTests
class AccessTokenRevocationTests {

	static final String PASSWORD = AuthRequests.PASSWORD;

	@Autowired
	RestTestClient http;

	@Autowired
	AuthApiTests.ResetMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	TaskScheduler scheduler;

	AuthRequests requests;

	@BeforeEach
	void requests() {
		requests = new AuthRequests(http, accounts);
	}

	Account registerAdmin() {
		Account account = requests.registered();
		jdbc.sql("UPDATE users.users SET roles = '{USER,ADMIN}' WHERE id = :id").param("id", account.id()).update();
		return account;
	}

	void assertRevoked(String bearer) {
		requests.me(bearer).expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void logoutEndsTheSessionsAccessTokenAtOnceAndNoOtherSession() {
		Account account = requests.registered();
		String phone = requests.loggedIn(account);
		String laptop = requests.loggedIn(account);
		requests.me(bearer(phone)).expectStatus().isOk();

		requests.logout(refreshToken(phone))
			.expectStatus().isNoContent();

		assertRevoked(bearer(phone));
		requests.me(bearer(laptop)).expectStatus().isOk();
	}

	@Test
	void aPasswordChangeEndsEveryEarlierAccessTokenBeforeItsResponseAndALaterLoginWorksAtOnce() {
		Account account = requests.registered();
		String first = requests.loggedIn(account);
		String second = requests.loggedIn(account);
		requests.changePassword(account.id(), bearer(first), PASSWORD, "brand new horse battery")
			.expectStatus().isNoContent();

		assertRevoked(bearer(first));
		assertRevoked(bearer(second));
		// not even a second password change with the old token
		requests.changePassword(account.id(), bearer(first), "brand new horse battery", "attacker horse battery")
			.expectStatus().isUnauthorized();
		requests.me(bearer(requests.loggedIn(account.email(), "brand new horse battery"))).expectStatus().isOk();
	}

	@Test
	void aPasswordChangeVoidsAnOutstandingResetTokenBeforeItsResponse() {
		Account account = requests.registered();
		String session = requests.loggedIn(account);
		String resetToken = requests.resetToken(account, mailbox.tokens);

		requests.changePassword(account.id(), bearer(session), PASSWORD, "brand new horse battery")
			.expectStatus().isNoContent();

		// no waiting: the reset token died in the password change's transaction
		requests.confirmReset(resetToken, "attacker horse battery")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void aPasswordResetEndsEveryEarlierAccessToken() {
		Account account = requests.registered();
		String session = requests.loggedIn(account);
		requests.confirmReset(requests.resetToken(account, mailbox.tokens), "reset horse battery")
			.expectStatus().isNoContent();

		assertRevoked(bearer(session));
	}

	@Test
	void aDemotedAdministratorLosesTheRightsOfItsTokenAtOnceAndCannotUndoTheDemotion() {
		Account boss = registerAdmin();
		Account demoted = registerAdmin();
		String bossSession = requests.loggedIn(boss);
		String demotedSession = requests.loggedIn(demoted);
		requests.listUsers(bearer(demotedSession))
			.expectStatus().isOk();

		requests.changeRoles(demoted.id(), bearer(bossSession), "USER")
			.expectStatus().isOk();

		requests.listUsers(bearer(demotedSession))
			.expectStatus().isUnauthorized();
		requests.changeRoles(demoted.id(), bearer(demotedSession), "USER", "ADMIN")
			.expectStatus().isUnauthorized();
		assertThat(roles(demoted)).isEqualTo("{USER}");
		// a new login carries the new roles
		requests.listUsers(bearer(requests.loggedIn(demoted)))
			.expectStatus().isForbidden();
	}

	@Test
	void anAdministratorWriteIsJudgedByTheAccountsCurrentRolesNotByTheToken() {
		// as on an instance that has not yet learnt of the demotion: the token's session is live
		Account demoted = registerAdmin();
		String session = requests.loggedIn(demoted);
		jdbc.sql("UPDATE users.users SET roles = '{USER}' WHERE id = :id").param("id", demoted.id()).update();

		requests.changeRoles(demoted.id(), bearer(session), "USER", "ADMIN")
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		assertThat(roles(demoted)).isEqualTo("{USER}");
	}

	@Test
	void aDeletedAccountsTokensStopAtOnce() {
		Account account = requests.registered();
		String session = requests.loggedIn(account);
		String other = requests.loggedIn(account);
		requests.delete(account.id(), bearer(session))
			.expectStatus().isNoContent();

		assertRevoked(bearer(session));
		assertRevoked(bearer(other));
	}

	@Test
	void aSessionRevokedByAnotherInstanceIsRefusedHereWithinTwoSeconds() {
		Account account = requests.registered();
		String session = requests.loggedIn(account);
		requests.me(bearer(session)).expectStatus().isOk();
		UUID sessionId = sessionOf(account);

		// what another instance's logout writes; this instance learns it only from the table
		jdbc.sql("INSERT INTO auth.revoked_sessions (session_id, user_id) VALUES (:session, :user)")
			.param("session", sessionId).param("user", account.id()).update();

		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertRevoked(bearer(session)));
	}

	@Test
	void aSessionRevokedByAnotherInstanceIsRefusedWithinTwoSecondsWhileTheApplicationsSchedulerIsBusy()
			throws InterruptedException {
		Account account = requests.registered();
		String session = requests.loggedIn(account);
		requests.me(bearer(session)).expectStatus().isOk();
		UUID sessionId = sessionOf(account);
		// a long fixed-delay task on the application's scheduler (a draining dispatcher, a large clean-up)
		CountDownLatch busy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ScheduledFuture<?> longTask = scheduler.scheduleWithFixedDelay(() -> {
			busy.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, Duration.ofMillis(10));
		try {
			assertThat(busy.await(5, TimeUnit.SECONDS)).as("the long task runs").isTrue();

			jdbc.sql("INSERT INTO auth.revoked_sessions (session_id, user_id) VALUES (:session, :user)")
				.param("session", sessionId).param("user", account.id()).update();

			await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertRevoked(bearer(session)));
		}
		finally {
			longTask.cancel(false);
			release.countDown();
		}
	}

	@Test
	void forgetsNoRevocationOfTheLastAccessTokenLifetimeOnARefresh() {
		UUID sessionId = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO auth.revoked_sessions (session_id, user_id, revoked_at)
				VALUES (:session, :user, now() - interval '10 minutes')""")
			.param("session", sessionId).param("user", UUID.randomUUID()).update();
		RevokedSessions fresh = new RevokedSessions(jdbc,
				new AuthProperties(null, null, null, null, null, null));
		assertThat(fresh.isRevoked(sessionId)).as("read on start-up").isTrue();
		fresh.refresh();
		assertThat(fresh.isRevoked(sessionId)).as("still known after a regular refresh").isTrue();
	}

	/** The one session (refresh token family) of an account that logged in once. */
	UUID sessionOf(Account account) {
		return jdbc.sql("SELECT DISTINCT family_id FROM auth.refresh_tokens WHERE user_id = :user")
			.param("user", account.id())
			.query(UUID.class)
			.single();
	}

	String roles(Account account) {
		return jdbc.sql("SELECT roles::text FROM users.users WHERE id = :id").param("id", account.id())
			.query(String.class).single();
	}
}
