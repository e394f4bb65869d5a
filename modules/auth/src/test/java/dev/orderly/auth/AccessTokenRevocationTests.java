package dev.orderly.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Revoked means revoked (ADR 0015): logout, a password change or reset, a role change and a
 * deletion end the user's earlier access tokens on this instance before the response returns, and
 * on every other instance within the refresh interval (500 ms; the test allows 2 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(AuthApiTests.ResetMailbox.class) // the same context as AuthApiTests
class AccessTokenRevocationTests {

	static final String PASSWORD = AuthApiTests.PASSWORD;

	@Autowired
	RestTestClient http;

	@Autowired
	AuthApiTests.ResetMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	record Account(UUID id, String email) {
	}

	Account register() {
		String email = "revoke-" + UUID.randomUUID() + "@example.com";
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", PASSWORD, "displayName", "Ann"))
			.exchange()
			.expectStatus().isAccepted();
		return new Account(accounts.findByEmail(email).orElseThrow().id(), email);
	}

	Account registerAdmin() {
		Account account = register();
		jdbc.sql("UPDATE users.users SET roles = '{USER,ADMIN}' WHERE id = :id").param("id", account.id()).update();
		return account;
	}

	/** Logs in; returns the login response (access and refresh token). */
	String login(Account account, String password) {
		return http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email(), "password", password))
			.exchange()
			.expectStatus().isOk()
			.returnResult(String.class).getResponseBody();
	}

	String login(Account account) {
		return login(account, PASSWORD);
	}

	static String access(String tokens) {
		return "Bearer " + JsonPath.read(tokens, "$.data.accessToken");
	}

	static String refresh(String tokens) {
		return JsonPath.read(tokens, "$.data.refreshToken");
	}

	RestTestClient.ResponseSpec me(String bearer) {
		return http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, bearer).exchange();
	}

	void assertRevoked(String bearer) {
		me(bearer).expectStatus().isUnauthorized().expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void logoutEndsTheSessionsAccessTokenAtOnceAndNoOtherSession() {
		Account account = register();
		String phone = login(account);
		String laptop = login(account);
		me(access(phone)).expectStatus().isOk();

		http.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", refresh(phone)))
			.exchange()
			.expectStatus().isNoContent();

		assertRevoked(access(phone));
		me(access(laptop)).expectStatus().isOk();
	}

	@Test
	void aPasswordChangeEndsEveryEarlierAccessTokenBeforeItsResponseAndALaterLoginWorksAtOnce() {
		Account account = register();
		String first = login(account);
		String second = login(account);
		http.post().uri("/api/v1/users/{id}/change-password", account.id())
			.header(HttpHeaders.AUTHORIZATION, access(first))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", PASSWORD, "newPassword", "brand new horse battery"))
			.exchange()
			.expectStatus().isNoContent();

		assertRevoked(access(first));
		assertRevoked(access(second));
		// not even a second password change with the old token
		http.post().uri("/api/v1/users/{id}/change-password", account.id())
			.header(HttpHeaders.AUTHORIZATION, access(first))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", "brand new horse battery", "newPassword", "attacker horse battery"))
			.exchange()
			.expectStatus().isUnauthorized();
		me(access(login(account, "brand new horse battery"))).expectStatus().isOk();
	}

	@Test
	void aPasswordChangeVoidsAnOutstandingResetTokenBeforeItsResponse() {
		Account account = register();
		String session = login(account);
		http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email()))
			.exchange()
			.expectStatus().isAccepted();
		String resetToken = mailbox.tokens.get(account.email());
		assertThat(resetToken).isNotNull();

		http.post().uri("/api/v1/users/{id}/change-password", account.id())
			.header(HttpHeaders.AUTHORIZATION, access(session))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", PASSWORD, "newPassword", "brand new horse battery"))
			.exchange()
			.expectStatus().isNoContent();

		// no waiting: the reset token died in the password change's transaction
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", resetToken, "newPassword", "attacker horse battery"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void aPasswordResetEndsEveryEarlierAccessToken() {
		Account account = register();
		String session = login(account);
		http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email()))
			.exchange()
			.expectStatus().isAccepted();
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", mailbox.tokens.get(account.email()), "newPassword", "reset horse battery"))
			.exchange()
			.expectStatus().isNoContent();

		assertRevoked(access(session));
	}

	@Test
	void aDemotedAdministratorLosesTheRightsOfItsTokenAtOnceAndCannotUndoTheDemotion() {
		Account boss = registerAdmin();
		Account demoted = registerAdmin();
		String bossSession = login(boss);
		String demotedSession = login(demoted);
		http.get().uri("/api/v1/users").header(HttpHeaders.AUTHORIZATION, access(demotedSession))
			.exchange()
			.expectStatus().isOk();

		http.put().uri("/api/v1/users/{id}/roles", demoted.id()).header(HttpHeaders.AUTHORIZATION, access(bossSession))
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("USER")))
			.exchange()
			.expectStatus().isOk();

		http.get().uri("/api/v1/users").header(HttpHeaders.AUTHORIZATION, access(demotedSession))
			.exchange()
			.expectStatus().isUnauthorized();
		http.put().uri("/api/v1/users/{id}/roles", demoted.id()).header(HttpHeaders.AUTHORIZATION, access(demotedSession))
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("USER", "ADMIN")))
			.exchange()
			.expectStatus().isUnauthorized();
		assertThat(roles(demoted)).isEqualTo("{USER}");
		// a new login carries the new roles
		http.get().uri("/api/v1/users").header(HttpHeaders.AUTHORIZATION, access(login(demoted)))
			.exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void anAdministratorWriteIsJudgedByTheAccountsCurrentRolesNotByTheToken() {
		// as on an instance that has not yet learnt of the demotion: the token's session is live
		Account demoted = registerAdmin();
		String session = login(demoted);
		jdbc.sql("UPDATE users.users SET roles = '{USER}' WHERE id = :id").param("id", demoted.id()).update();

		http.put().uri("/api/v1/users/{id}/roles", demoted.id()).header(HttpHeaders.AUTHORIZATION, access(session))
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("USER", "ADMIN")))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		assertThat(roles(demoted)).isEqualTo("{USER}");
	}

	@Test
	void aDeletedAccountsTokensStopAtOnce() {
		Account account = register();
		String session = login(account);
		String other = login(account);
		http.delete().uri("/api/v1/users/{id}", account.id())
			.header(HttpHeaders.AUTHORIZATION, access(session))
			.exchange()
			.expectStatus().isNoContent();

		assertRevoked(access(session));
		assertRevoked(access(other));
	}

	@Test
	void aSessionRevokedByAnotherInstanceIsRefusedHereWithinTwoSeconds() {
		Account account = register();
		String session = login(account);
		me(access(session)).expectStatus().isOk();
		UUID sessionId = jdbc.sql("SELECT DISTINCT family_id FROM auth.refresh_tokens WHERE user_id = :user")
			.param("user", account.id())
			.query(UUID.class)
			.single();

		// what another instance's logout writes; this instance learns it only from the table
		jdbc.sql("INSERT INTO auth.revoked_sessions (session_id, user_id) VALUES (:session, :user)")
			.param("session", sessionId).param("user", account.id()).update();

		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertRevoked(access(session)));
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

	String roles(Account account) {
		return jdbc.sql("SELECT roles::text FROM users.users WHERE id = :id").param("id", account.id())
			.query(String.class).single();
	}
}
