package dev.orderly.users;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

import static org.assertj.core.api.Assertions.assertThat;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;

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

	static final String PASSWORD = "correct horse battery";

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	VerificationMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	static String email() {
		return "api-" + UUID.randomUUID() + "@example.com";
	}

	/** Registers (202, the id is not revealed) and reads the new account's id from the database. */
	UUID register(String email) {
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", PASSWORD, "displayName", "Ann"))
			.exchange()
			.expectStatus().isAccepted();
		return liveAccount(email);
	}

	UUID liveAccount(String email) {
		return jdbc.sql("SELECT id FROM users.users WHERE email = :email AND deleted_at IS NULL")
			.param("email", email)
			.query(UUID.class)
			.single();
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
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "  " + email.toUpperCase() + " ", "password", PASSWORD, "displayName", "Ann",
					"locale", "en-GB"))
			.exchange()
			.expectStatus().isAccepted()
			.expectHeader().doesNotExist(HttpHeaders.LOCATION)
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.expectBody().json("{\"data\":{\"email\":\"" + email + "\"}}", JsonCompareMode.STRICT);
		UUID id = liveAccount(email);
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
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
		UUID owner = register(taken);
		EntityExchangeResult<byte[]> forTaken = http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", taken.toUpperCase(), "password", "another horse battery", "displayName", "Bob"))
			.exchange()
			.expectBody().returnResult();
		String fresh = email();
		EntityExchangeResult<byte[]> forNew = http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", fresh.toUpperCase(), "password", "another horse battery", "displayName", "Bob"))
			.exchange()
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
		assertThat(liveAccount(taken)).isEqualTo(owner);
		assertThat(mailbox.duplicateAttempts).containsKey(owner);
	}

	@Test
	void refusesABadPasswordForATakenEmailLikeForANewOne() {
		String taken = email();
		register(taken);
		for (String email : List.of(taken, email())) {
			http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", email, "password", "Password1", "displayName", "Ann"))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.error.details[0].issue").isEqualTo("too_common");
		}
	}

	@Test
	void refusesRepeatedRolesAndTooManyRoles() {
		UUID id = register(email());
		http.put().uri("/api/v1/users/{id}/roles", id).header(HttpHeaders.AUTHORIZATION, admin())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"roles\":[\"USER\",\"ADMIN\",\"USER\"]}")
			.exchange()
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
		UUID id = register(email());
		// JSON escapes, so that the lone surrogate reaches the server as such
		for (String name : List.of("Ann\\u202Egnp.exe", "Ann\\u2066x", "Ann\\uD800", "Ann\\uDC00x", "Ann\\u0000")) {
			http.put().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"displayName\":\"" + name + "\"}")
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
				.jsonPath("$.error.details[0].field").isEqualTo("displayName");
		}
		// right-to-left text and the direction marks stay welcome
		http.put().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", "\u05D3\u05E0\u05D4\u200F Dana"))
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void refusesACommonPasswordWithTheFieldInError() {
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email(), "password", "Password1", "displayName", "Ann"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("password")
			.jsonPath("$.error.details[0].issue").isEqualTo("too_common");
	}

	@Test
	void refusesShortAndOverlongPasswords() {
		for (String password : List.of("short", "x9".repeat(65))) {
			http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", email(), "password", password, "displayName", "Ann"))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
				.jsonPath("$.error.details[0].field").isEqualTo("password");
		}
	}

	@Test
	void refusesAnInvalidEmail() {
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "not-an-email", "password", PASSWORD, "displayName", "Ann"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("email");
	}

	@Test
	void refusesToAssignRolesAtRegistration() {
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email(), "password", PASSWORD, "displayName", "Ann", "roles", List.of("ADMIN")))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("roles");
	}

	// profiles and ownership

	@Test
	void showsTheCallersOwnAccount() {
		String email = email();
		UUID id = register(email);
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.expectBody().jsonPath("$.data.id").isEqualTo(id.toString()).jsonPath("$.data.email").isEqualTo(email);
		http.get().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void hidesOtherUsersAccountsAsNotFound() {
		UUID ann = register(email());
		UUID bob = register(email());
		http.get().uri("/api/v1/users/{id}", bob).header(HttpHeaders.AUTHORIZATION, user(ann))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		http.put().uri("/api/v1/users/{id}", bob).header(HttpHeaders.AUTHORIZATION, user(ann))
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("displayName", "Mallory"))
			.exchange()
			.expectStatus().isNotFound();
		http.delete().uri("/api/v1/users/{id}", bob).header(HttpHeaders.AUTHORIZATION, user(ann))
			.exchange()
			.expectStatus().isNotFound();
		http.post().uri("/api/v1/users/{id}/change-password", bob).header(HttpHeaders.AUTHORIZATION, user(ann))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", PASSWORD, "newPassword", "mallory horse battery"))
			.exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void letsAnAdminSeeAnyAccount() {
		UUID id = register(email());
		http.get().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void requiresAuthenticationForProfiles() {
		http.get().uri("/api/v1/users/me").exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void replacesTheProfileWithPut() {
		UUID id = register(email());
		http.put().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", "Ann B.", "phone", "+4915112345678", "locale", "de-DE"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.displayName").isEqualTo("Ann B.")
			.jsonPath("$.data.phone").isEqualTo("+4915112345678")
			.jsonPath("$.data.locale").isEqualTo("de-DE");
		http.put().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", "Ann"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.phone").isEmpty();
	}

	@Test
	void patchesOnlyTheFieldsSent() {
		UUID id = register(email());
		http.patch().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body(Map.of("phone", "+4915112345678"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.displayName").isEqualTo("Ann")
			.jsonPath("$.data.phone").isEqualTo("+4915112345678");
	}

	@Test
	void validatesProfileFields() {
		UUID id = register(email());
		http.patch().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "call me"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("phone");
		http.put().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", " "))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("displayName");
	}

	// soft delete

	@Test
	void softDeletesAnAccountAndFreesItsEmail() {
		String email = email();
		UUID id = register(email);
		http.delete().uri("/api/v1/users/{id}", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isNoContent();
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isNotFound();
		assertThat(jdbc.sql("SELECT deleted_at FROM users.users WHERE id = :id").param("id", id)
			.query(java.time.OffsetDateTime.class).single()).isNotNull();
		assertThat(register(email)).isNotEqualTo(id);
	}

	// admin list

	@Test
	void listsAccountsForAdminsNewestFirstPageByPage() {
		String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8);
		UUID first = register(prefix + "-1@example.com");
		UUID second = register(prefix + "-2@example.com");
		UUID third = register(prefix + "-3@example.com");
		String next = http.get().uri("/api/v1/users?limit=2&email={p}", prefix.toUpperCase())
			.header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0].id").isEqualTo(third.toString())
			.jsonPath("$.data[1].id").isEqualTo(second.toString())
			.jsonPath("$.meta.limit").isEqualTo(2)
			.returnResult().getResponseBodyContent() == null ? null : nextCursor(prefix);
		http.get().uri("/api/v1/users?limit=2&email={p}&cursor={c}", prefix, next)
			.header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].id").isEqualTo(first.toString())
			.jsonPath("$.meta.nextCursor").isEmpty();
	}

	String nextCursor(String prefix) {
		String body = http.get().uri("/api/v1/users?limit=2&email={p}", prefix)
			.header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.returnResult(String.class).getResponseBody();
		return com.jayway.jsonpath.JsonPath.read(body, "$.meta.nextCursor");
	}

	@Test
	void filtersTheListByRoleAndVerification() {
		String prefix = "filter-" + UUID.randomUUID().toString().substring(0, 8);
		UUID plain = register(prefix + "-plain@example.com");
		UUID boss = register(prefix + "-boss@example.com");
		http.put().uri("/api/v1/users/{id}/roles", boss).header(HttpHeaders.AUTHORIZATION, admin())
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus().isOk();
		http.get().uri("/api/v1/users?role=ADMIN&email={p}", prefix).header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[*].id").isEqualTo(List.of(boss.toString()));
		http.post().uri("/api/v1/users/{id}/verify-email", plain).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", mailbox.tokens.get(plain)))
			.exchange()
			.expectStatus().isOk();
		http.get().uri("/api/v1/users?verified=true&email={p}", prefix).header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[*].id").isEqualTo(List.of(plain.toString()));
		http.get().uri("/api/v1/users?role=ROOT").header(HttpHeaders.AUTHORIZATION, admin())
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("role");
	}

	@Test
	void forbidsTheListAndRoleChangesToUsers() {
		UUID id = register(email());
		http.get().uri("/api/v1/users").header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		http.put().uri("/api/v1/users/{id}/roles", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
	}

	// roles

	@Test
	void letsAnAdminChangeRoles() {
		UUID id = register(email());
		http.put().uri("/api/v1/users/{id}/roles", id).header(HttpHeaders.AUTHORIZATION, admin())
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("ADMIN", "USER")))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.roles").isEqualTo(List.of("ADMIN", "USER"));
	}

	@Test
	void refusesUnknownRolesAndUnknownUsers() {
		UUID id = register(email());
		http.put().uri("/api/v1/users/{id}/roles", id).header(HttpHeaders.AUTHORIZATION, admin())
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("ROOT")))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("roles");
		http.put().uri("/api/v1/users/{id}/roles", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, admin())
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("roles", List.of("USER")))
			.exchange()
			.expectStatus().isNotFound();
	}

	// email verification

	@Test
	void verifiesTheEmailWithoutLoginAndOnlyOnce() {
		UUID id = register(email());
		String token = mailbox.tokens.get(id);
		http.post().uri("/api/v1/users/{id}/verify-email", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.emailVerified").isEqualTo(true);
		http.post().uri("/api/v1/users/{id}/verify-email", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesAWrongTokenOrAnotherUsersToken() {
		UUID ann = register(email());
		UUID bob = register(email());
		for (String token : List.of("wrong", mailbox.tokens.get(bob))) {
			http.post().uri("/api/v1/users/{id}/verify-email", ann).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("token", token))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		}
		http.post().uri("/api/v1/users/{id}/verify-email", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", mailbox.tokens.get(bob)))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesAnExpiredToken() {
		UUID id = register(email());
		String token = EmailVerificationTokens.newToken();
		jdbc.sql("""
				INSERT INTO users.email_verification_tokens (id, user_id, token_hash, expires_at, created_at, updated_at)
				VALUES (:id, :user, :hash, :expired, :expired, :expired)""")
			.param("id", UUID.randomUUID()).param("user", id).param("hash", EmailVerificationTokens.hash(token))
			.param("expired", Instant.now().minusSeconds(60).atOffset(java.time.ZoneOffset.UTC))
			.update();
		http.post().uri("/api/v1/users/{id}/verify-email", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void resendsAVerificationEmailThatVoidsTheOldToken() {
		UUID id = register(email());
		String old = mailbox.tokens.get(id);
		http.post().uri("/api/v1/users/{id}/verification-email", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isAccepted();
		String fresh = mailbox.tokens.get(id);
		assertThat(fresh).isNotEqualTo(old);
		http.post().uri("/api/v1/users/{id}/verify-email", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", old))
			.exchange()
			.expectStatus().isBadRequest();
		http.post().uri("/api/v1/users/{id}/verify-email", id).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", fresh))
			.exchange()
			.expectStatus().isOk();
		http.post().uri("/api/v1/users/{id}/verification-email", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.error.code").isEqualTo("EMAIL_ALREADY_VERIFIED");
	}

	@Test
	void resendingNeedsTheAccountsOwner() {
		UUID id = register(email());
		http.post().uri("/api/v1/users/{id}/verification-email", id).exchange()
			.expectStatus().isUnauthorized();
		http.post().uri("/api/v1/users/{id}/verification-email", id)
			.header(HttpHeaders.AUTHORIZATION, user(UUID.randomUUID()))
			.exchange()
			.expectStatus().isNotFound();
	}

	// password change

	@Test
	void changesThePasswordWithTheCurrentOne() {
		UUID id = register(email());
		http.post().uri("/api/v1/users/{id}/change-password", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", PASSWORD, "newPassword", "brand new horse battery"))
			.exchange()
			.expectStatus().isNoContent();
	}

	@Test
	void refusesAWrongCurrentPassword() {
		UUID id = register(email());
		http.post().uri("/api/v1/users/{id}/change-password", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", "not my password", "newPassword", "brand new horse battery"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("INVALID_CURRENT_PASSWORD")
			.jsonPath("$.error.details[0].field").isEqualTo("currentPassword");
	}

	@Test
	void refusesAWeakNewPassword() {
		UUID id = register(email());
		http.post().uri("/api/v1/users/{id}/change-password", id).header(HttpHeaders.AUTHORIZATION, user(id))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", PASSWORD, "newPassword", "password123"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("newPassword");
	}
}
