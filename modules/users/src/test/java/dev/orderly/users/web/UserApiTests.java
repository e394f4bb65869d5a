package dev.orderly.users.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;


import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.UserRequests;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.persistence.EmailVerificationTokens;
import static dev.orderly.users.UserRequests.email;
import static dev.orderly.users.UserRequests.passwordChange;
import static dev.orderly.users.UserRequests.registration;
import static dev.orderly.users.UserRequests.roles;
import static org.assertj.core.api.Assertions.assertThat;

/** The users API over real HTTP against PostgreSQL: every endpoint's happy path and error paths. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ TestTokensConfiguration.class, UserApiTests.VerificationMailbox.class })
class UserApiTests {

	/** Stands in for the mail: keeps the last verification token per user. */
	@TestConfiguration(proxyBeanMethods = false)
	static class VerificationMailbox {

		final Map<UUID, String> tokens = new ConcurrentHashMap<>();

		final Map<UUID, DuplicateRegistrationAttempted> duplicateAttempts = new ConcurrentHashMap<>();

		@EventListener
		void on(EmailVerificationRequested event) {
			tokens.put(event.userId(), event.token());
		}

		@EventListener
		void on(DuplicateRegistrationAttempted event) {
			duplicateAttempts.put(event.userId(), event);
		}
	}

	static final String PASSWORD = UserRequests.PASSWORD;

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	VerificationMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	UserRequests requests;

	@BeforeEach
	void requests() {
		requests = new UserRequests(http, jdbc);
	}


	String user(UUID id) {
		return tokens.bearer(id, "USER");
	}

	String admin() {
		return tokens.bearer(UUID.randomUUID(), "ADMIN", "USER");
	}

	// registration

	@Test
	void registersANormalisedEmailAndAnswers202WithoutRevealingTheAccount() {
		String email = email();
		requests.register(Map.of("email", "  " + email.toUpperCase() + " ", "password", PASSWORD, "displayName", "Ann",
				"locale", "en-GB"))
			.expectStatus().isAccepted()
			.expectHeader().doesNotExist(HttpHeaders.LOCATION)
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.expectBody().json("{\"data\":{\"email\":\"" + email + "\"}}", JsonCompareMode.STRICT);
		UUID id = requests.liveAccount(email);
		requests.get("/api/v1/users/me", user(id))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.email").isEqualTo(email)
			.jsonPath("$.data.roles").isEqualTo(List.of("USER"))
			.jsonPath("$.data.emailVerified").isEqualTo(false)
			.jsonPath("$.data.locale").isEqualTo("en-GB")
			.jsonPath("$.data.passwordHash").doesNotExist()
			.jsonPath("$.data.password").doesNotExist();
	}

	/**
	 * ASVS 5.0 V6: registering a taken address answers exactly like a new one — same status,
	 * headers that matter and body — creates no second account, and tells the owner instead.
	 */
	@Test
	void answersATakenEmailExactlyLikeANewOneAndTellsItsOwner() {
		String taken = email();
		UUID owner = requests.registered(taken);
		EntityExchangeResult<byte[]> forTaken = requests
			.register(Map.of("email", taken.toUpperCase(), "password", "another horse battery", "displayName", "Bob"))
			.expectBody().returnResult();
		String fresh = email();
		EntityExchangeResult<byte[]> forNew = requests
			.register(Map.of("email", fresh.toUpperCase(), "password", "another horse battery", "displayName", "Bob"))
			.expectBody().returnResult();
		assertThat(forTaken.getStatus().value()).isEqualTo(forNew.getStatus().value()).isEqualTo(202);
		assertThat(new String(forTaken.getResponseBodyContent()).replace(taken, "<email>"))
			.isEqualTo(new String(forNew.getResponseBodyContent()).replace(fresh, "<email>"));
		HttpHeaders takenHeaders = forTaken.getResponseHeaders();
		HttpHeaders newHeaders = forNew.getResponseHeaders();
		assertThat(takenHeaders.headerNames()).isEqualTo(newHeaders.headerNames());
		assertThat(takenHeaders.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo(newHeaders.getFirst(HttpHeaders.CONTENT_TYPE));
		assertThat(jdbc.sql("SELECT count(*) FROM users.users WHERE email = :email").param("email", taken)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(requests.liveAccount(taken)).isEqualTo(owner);
		assertThat(mailbox.duplicateAttempts).containsKey(owner);
	}

	@Test
	void refusesABadPasswordForATakenEmailLikeForANewOne() {
		String taken = email();
		requests.registered(taken);
		for (String email : List.of(taken, email())) {
			requests.register(registration(email, "Password1"))
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.error.details[0].issue").isEqualTo("too_common");
		}
	}

	@Test
	void refusesRepeatedRolesAndTooManyRoles() {
		UUID id = requests.registered();
		requests.changeRoles(id, admin(), "{\"roles\":[\"USER\",\"ADMIN\",\"USER\"]}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("roles")
			.jsonPath("$.error.details[0].issue").isEqualTo("duplicate_items");
		assertThat(jdbc.sql("SELECT array_to_string(roles, ',') FROM users.users WHERE id = :id").param("id", id).query(String.class).single())
			.doesNotContain("ADMIN");
	}

	@Test
	void refusesBidiControlsAndUnpairedSurrogatesInNames() {
		UUID id = requests.registered();
		// JSON escapes, so that the lone surrogate reaches the server as such
		for (String name : List.of("Ann\\u202Egnp.exe", "Ann\\u2066x", "Ann\\uD800", "Ann\\uDC00x", "Ann\\u0000")) {
			requests.replaceProfile(id, user(id), "{\"displayName\":\"" + name + "\"}")
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
				.jsonPath("$.error.details[0].field").isEqualTo("displayName");
		}
		// right-to-left text and the direction marks stay welcome
		requests.replaceProfile(id, user(id), Map.of("displayName", "\u05D3\u05E0\u05D4\u200F Dana"))
			.expectStatus().isOk();
	}

	@Test
	void refusesACommonPasswordWithTheFieldInError() {
		requests.register(registration(email(), "Password1"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("password")
			.jsonPath("$.error.details[0].issue").isEqualTo("too_common");
	}

	@Test
	void refusesShortAndOverlongPasswords() {
		for (String password : List.of("short", "x9".repeat(65))) {
			requests.register(registration(email(), password))
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
				.jsonPath("$.error.details[0].field").isEqualTo("password");
		}
	}

	@Test
	void refusesAnInvalidEmail() {
		requests.register(Map.of("email", "not-an-email", "password", PASSWORD, "displayName", "Ann"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("email");
	}

	@Test
	void refusesToAssignRolesAtRegistration() {
		requests.register(Map.of("email", email(), "password", PASSWORD, "displayName", "Ann", "roles", List.of("ADMIN")))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("roles");
	}

	// profiles and ownership

	@Test
	void showsTheCallersOwnAccount() {
		String email = email();
		UUID id = requests.registered(email);
		requests.get("/api/v1/users/me", user(id))
			.expectStatus().isOk()
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.expectBody().jsonPath("$.data.id").isEqualTo(id.toString()).jsonPath("$.data.email").isEqualTo(email);
		requests.get("/api/v1/users/{id}", user(id), id)
			.expectStatus().isOk();
	}

	@Test
	void hidesOtherUsersAccountsAsNotFound() {
		UUID ann = requests.registered();
		UUID bob = requests.registered();
		requests.get("/api/v1/users/{id}", user(ann), bob)
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		requests.replaceProfile(bob, user(ann), Map.of("displayName", "Mallory"))
			.expectStatus().isNotFound();
		requests.delete(bob, user(ann))
			.expectStatus().isNotFound();
		requests.changePassword(bob, user(ann), passwordChange(PASSWORD, "mallory horse battery"))
			.expectStatus().isNotFound();
	}

	@Test
	void letsAnAdminSeeAnyAccount() {
		UUID id = requests.registered();
		requests.get("/api/v1/users/{id}", admin(), id)
			.expectStatus().isOk();
	}

	@Test
	void requiresAuthenticationForProfiles() {
		requests.get("/api/v1/users/me", null)
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void replacesTheProfileWithPut() {
		UUID id = requests.registered();
		requests.replaceProfile(id, user(id),
				Map.of("displayName", "Ann B.", "phone", "+4915112345678", "locale", "de-DE"))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.displayName").isEqualTo("Ann B.")
			.jsonPath("$.data.phone").isEqualTo("+4915112345678")
			.jsonPath("$.data.locale").isEqualTo("de-DE");
		requests.replaceProfile(id, user(id), Map.of("displayName", "Ann"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.phone").isEmpty();
	}

	@Test
	void patchesOnlyTheFieldsSent() {
		UUID id = requests.registered();
		requests.patchProfile(id, user(id), MediaType.valueOf("application/merge-patch+json"),
				Map.of("phone", "+4915112345678"))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.displayName").isEqualTo("Ann")
			.jsonPath("$.data.phone").isEqualTo("+4915112345678");
	}

	@Test
	void validatesProfileFields() {
		UUID id = requests.registered();
		requests.patchProfile(id, user(id), MediaType.APPLICATION_JSON, Map.of("phone", "call me"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("phone");
		requests.replaceProfile(id, user(id), Map.of("displayName", " "))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("displayName");
	}

	// soft delete

	@Test
	void softDeletesAnAccountAndFreesItsEmail() {
		String email = email();
		UUID id = requests.registered(email);
		requests.delete(id, user(id))
			.expectStatus().isNoContent();
		requests.get("/api/v1/users/me", user(id))
			.expectStatus().isNotFound();
		assertThat(jdbc.sql("SELECT deleted_at FROM users.users WHERE id = :id").param("id", id)
			.query(OffsetDateTime.class).single()).isNotNull();
		assertThat(requests.registered(email)).isNotEqualTo(id);
	}

	// admin list

	@Test
	void listsAccountsForAdminsNewestFirstPageByPage() {
		String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8);
		UUID first = requests.registered(prefix + "-1@example.com");
		UUID second = requests.registered(prefix + "-2@example.com");
		UUID third = requests.registered(prefix + "-3@example.com");
		String next = requests.get("/api/v1/users?limit=2&email={p}", admin(), prefix.toUpperCase())
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0].id").isEqualTo(third.toString())
			.jsonPath("$.data[1].id").isEqualTo(second.toString())
			.jsonPath("$.meta.limit").isEqualTo(2)
			.returnResult().getResponseBodyContent() == null ? null : nextCursor(prefix);
		requests.get("/api/v1/users?limit=2&email={p}&cursor={c}", admin(), prefix, next)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].id").isEqualTo(first.toString())
			.jsonPath("$.meta.nextCursor").isEmpty();
	}

	String nextCursor(String prefix) {
		String body = requests.get("/api/v1/users?limit=2&email={p}", admin(), prefix)
			.returnResult(String.class).getResponseBody();
		return com.jayway.jsonpath.JsonPath.read(body, "$.meta.nextCursor");
	}

	@Test
	void filtersTheListByRoleAndVerification() {
		String prefix = "filter-" + UUID.randomUUID().toString().substring(0, 8);
		UUID plain = requests.registered(prefix + "-plain@example.com");
		UUID boss = requests.registered(prefix + "-boss@example.com");
		requests.changeRoles(boss, admin(), roles("ADMIN"))
			.expectStatus().isOk();
		requests.get("/api/v1/users?role=ADMIN&email={p}", admin(), prefix)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[*].id").isEqualTo(List.of(boss.toString()));
		requests.verifyEmail(plain, mailbox.tokens.get(plain))
			.expectStatus().isOk();
		requests.get("/api/v1/users?verified=true&email={p}", admin(), prefix)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[*].id").isEqualTo(List.of(plain.toString()));
		requests.get("/api/v1/users?role=ROOT", admin())
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("role");
	}

	@Test
	void forbidsTheListAndRoleChangesToUsers() {
		UUID id = requests.registered();
		requests.get("/api/v1/users", user(id))
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		requests.changeRoles(id, user(id), roles("ADMIN"))
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
	}

	// roles

	@Test
	void letsAnAdminChangeRoles() {
		UUID id = requests.registered();
		requests.changeRoles(id, admin(), roles("ADMIN", "USER"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.roles").isEqualTo(List.of("ADMIN", "USER"));
	}

	@Test
	void refusesUnknownRolesAndUnknownUsers() {
		UUID id = requests.registered();
		requests.changeRoles(id, admin(), roles("ROOT"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("roles");
		requests.changeRoles(UUID.randomUUID(), admin(), roles("USER"))
			.expectStatus().isNotFound();
	}

	// email verification

	@Test
	void verifiesTheEmailWithoutLoginAndOnlyOnce() {
		UUID id = requests.registered();
		String token = mailbox.tokens.get(id);
		requests.verifyEmail(id, token)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.emailVerified").isEqualTo(true);
		requests.verifyEmail(id, token)
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesAWrongTokenOrAnotherUsersToken() {
		UUID ann = requests.registered();
		UUID bob = requests.registered();
		for (String token : List.of("wrong", mailbox.tokens.get(bob))) {
			requests.verifyEmail(ann, token)
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		}
		requests.verifyEmail(UUID.randomUUID(), mailbox.tokens.get(bob))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesAnExpiredToken() {
		UUID id = requests.registered();
		String token = EmailVerificationTokens.newToken();
		jdbc.sql("""
				INSERT INTO users.email_verification_tokens (id, user_id, token_hash, expires_at, created_at, updated_at)
				VALUES (:id, :user, :hash, :expired, :expired, :expired)""")
			.param("id", UUID.randomUUID()).param("user", id).param("hash", EmailVerificationTokens.hash(token))
			.param("expired", Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC))
			.update();
		requests.verifyEmail(id, token)
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void resendsAVerificationEmailThatVoidsTheOldToken() {
		UUID id = requests.registered();
		String old = mailbox.tokens.get(id);
		requests.resendVerification(id, user(id))
			.expectStatus().isAccepted();
		String fresh = mailbox.tokens.get(id);
		assertThat(fresh).isNotEqualTo(old);
		requests.verifyEmail(id, old)
			.expectStatus().isBadRequest();
		requests.verifyEmail(id, fresh)
			.expectStatus().isOk();
		requests.resendVerification(id, user(id))
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.error.code").isEqualTo("EMAIL_ALREADY_VERIFIED");
	}

	@Test
	void resendingNeedsTheAccountsOwner() {
		UUID id = requests.registered();
		requests.resendVerification(id, null)
			.expectStatus().isUnauthorized();
		requests.resendVerification(id, user(UUID.randomUUID()))
			.expectStatus().isNotFound();
	}

	// password change

	@Test
	void changesThePasswordWithTheCurrentOne() {
		UUID id = requests.registered();
		requests.changePassword(id, user(id), passwordChange(PASSWORD, "brand new horse battery"))
			.expectStatus().isNoContent();
	}

	@Test
	void refusesAWrongCurrentPassword() {
		UUID id = requests.registered();
		requests.changePassword(id, user(id), passwordChange("not my password", "brand new horse battery"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("INVALID_CURRENT_PASSWORD")
			.jsonPath("$.error.details[0].field").isEqualTo("currentPassword");
	}

	@Test
	void refusesAWeakNewPassword() {
		UUID id = requests.registered();
		requests.changePassword(id, user(id), passwordChange(PASSWORD, "password123"))
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("newPassword");
	}
}
