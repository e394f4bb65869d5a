package dev.orderly.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import dev.orderly.auth.events.PasswordResetRequested;

/**
 * The auth API over real HTTP against PostgreSQL, with real accounts (registered through the users
 * API) and real tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(AuthApiTests.ResetMailbox.class)
class AuthApiTests {

	/** Stands in for the mail: keeps the last password reset token per user. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ResetMailbox {

		final Map<String, String> tokens = new ConcurrentHashMap<>();

		@EventListener
		void on(PasswordResetRequested event) {
			tokens.put(event.email(), event.token());
		}

		/** The application's registry comes with actuator; here a simple one stands in. */
		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}
	}

	static final String PASSWORD = "correct horse battery";

	@Autowired
	RestTestClient http;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ResetMailbox mailbox;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	record Account(UUID id, String email) {
	}

	Account register() {
		String email = "auth-" + UUID.randomUUID() + "@example.com";
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", PASSWORD, "displayName", "Ann"))
			.exchange()
			.expectStatus().isAccepted();
		// registration does not reveal the id (ADR 0016): ask the users API
		return new Account(accounts.findByEmail(email).orElseThrow().id(), email);
	}

	String login(String email, String password) {
		return http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus().isOk()
			.returnResult(String.class).getResponseBody();
	}

	static String access(String tokens) {
		return JsonPath.read(tokens, "$.data.accessToken");
	}

	static String refresh(String tokens) {
		return JsonPath.read(tokens, "$.data.refreshToken");
	}

	RestTestClient.ResponseSpec refreshWith(String refreshToken) {
		return http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", refreshToken))
			.exchange();
	}

	RestTestClient.ResponseSpec me(String accessToken) {
		return http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).exchange();
	}

	// login

	@Test
	void logsInWithABearerTokenPairThatIsNotCached() {
		Account account = register();
		http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email(), "password", PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.expectBody()
			.jsonPath("$.data.tokenType").isEqualTo("Bearer")
			.jsonPath("$.data.expiresIn").isEqualTo(900)
			.jsonPath("$.data.refreshExpiresIn").isEqualTo((int) Duration.ofDays(30).toSeconds())
			.jsonPath("$.data.accessToken").isNotEmpty()
			.jsonPath("$.data.refreshToken").isNotEmpty();
	}

	@Test
	void issuesAnRs256AccessTokenWithTheAgreedClaimsThatOpensTheApi() throws Exception {
		Account account = register();
		String accessToken = access(login(account.email(), PASSWORD));
		SignedJWT jwt = SignedJWT.parse(accessToken);
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.getHeader().getKeyID()).isNotBlank();
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080");
		assertThat(claims.getAudience()).containsExactly("orderly-api");
		assertThat(claims.getSubject()).isEqualTo(account.id().toString());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(15));
		me(accessToken).expectStatus().isOk()
			.expectBody().jsonPath("$.data.id").isEqualTo(account.id().toString());
	}

	@Test
	void letsAnUnverifiedUserLogIn() {
		Account account = register();
		me(access(login(account.email(), PASSWORD))).expectStatus().isOk()
			.expectBody().jsonPath("$.data.emailVerified").isEqualTo(false);
	}

	@Test
	void givesOneIdenticalAnswerToEveryKindOfFailedLogin() {
		Account account = register();
		Account deleted = register();
		http.delete().uri("/api/v1/users/{id}", deleted.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + access(login(deleted.email(), PASSWORD)))
			.exchange()
			.expectStatus().isNoContent();
		List<Map<String, String>> attempts = List.of(Map.of("email", account.email(), "password", "wrong horse battery"),
				Map.of("email", "nobody-" + account.email(), "password", PASSWORD),
				Map.of("email", deleted.email(), "password", PASSWORD),
				Map.of("email", "not even an email", "password", PASSWORD));
		List<String> bodies = attempts.stream()
			.map(attempt -> http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
				.body(attempt)
				.exchange()
				.expectStatus().isUnauthorized()
				.expectBody()
				.jsonPath("$.error.code").isEqualTo("INVALID_CREDENTIALS")
				.returnResult().getResponseBodyContent())
			.map(String::new)
			.map(body -> body.replaceAll("\"requestId\":\"[^\"]*\"", ""))
			.toList();
		assertThat(bodies).allMatch(body -> body.equals(bodies.get(0)));
	}

	@Test
	void countsSucceededAndFailedLogins(@Autowired MeterRegistry meters) {
		Account account = register();
		double succeeded = meters.counter("orderly.auth.logins.succeeded").count();
		double failed = meters.counter("orderly.auth.logins.failed").count();
		login(account.email(), PASSWORD);
		http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email(), "password", "wrong horse battery"))
			.exchange()
			.expectStatus().isUnauthorized();
		assertThat(meters.counter("orderly.auth.logins.succeeded").count()).isEqualTo(succeeded + 1);
		assertThat(meters.counter("orderly.auth.logins.failed").count()).isEqualTo(failed + 1);
		assertThat(meters.counter("orderly.users.registered").count()).isPositive();
	}

	@Test
	void refusesALoginWithoutPassword() {
		http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "a@example.com"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
	}

	// refresh

	@Test
	void rotatesTheRefreshTokenOnEveryUse() {
		Account account = register();
		String first = login(account.email(), PASSWORD);
		String second = refreshWith(refresh(first)).expectStatus().isOk()
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.returnResult(String.class).getResponseBody();
		assertThat(refresh(second)).isNotEqualTo(refresh(first));
		assertThat(JsonPath.<Integer>read(second, "$.data.refreshExpiresIn")).isLessThanOrEqualTo((int) Duration.ofDays(30).toSeconds());
		me(access(second)).expectStatus().isOk();
		refreshWith(refresh(second)).expectStatus().isOk();
	}

	@Test
	void revokesTheWholeFamilyWhenAUsedRefreshTokenComesBack() {
		Account account = register();
		String first = login(account.email(), PASSWORD);
		String second = refreshWith(refresh(first)).expectStatus().isOk().returnResult(String.class).getResponseBody();
		refreshWith(refresh(first)).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		refreshWith(refresh(second)).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void leavesOtherSessionsAloneWhenOneFamilyIsRevoked() {
		Account account = register();
		String laptop = login(account.email(), PASSWORD);
		String phone = login(account.email(), PASSWORD);
		refreshWith(refresh(laptop)).expectStatus().isOk();
		refreshWith(refresh(laptop)).expectStatus().isUnauthorized();
		refreshWith(refresh(phone)).expectStatus().isOk();
	}

	@Test
	void refusesUnknownAndExpiredRefreshTokens() {
		refreshWith("no-such-token").expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		Account account = register();
		String tokens = login(account.email(), PASSWORD);
		jdbc.sql("UPDATE auth.refresh_tokens SET expires_at = :past WHERE token_hash = :hash")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("hash", OpaqueTokens.hash(refresh(tokens)))
			.update();
		refreshWith(refresh(tokens)).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesARefreshForADeletedAccount() {
		Account account = register();
		String tokens = login(account.email(), PASSWORD);
		http.delete().uri("/api/v1/users/{id}", account.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + access(tokens))
			.exchange()
			.expectStatus().isNoContent();
		refreshWith(refresh(tokens)).expectStatus().isUnauthorized();
	}

	// logout

	@Test
	void logsOutSoTheRefreshTokenIsDead() {
		Account account = register();
		String tokens = login(account.email(), PASSWORD);
		http.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", refresh(tokens)))
			.exchange()
			.expectStatus().isNoContent();
		refreshWith(refresh(tokens)).expectStatus().isUnauthorized();
		http.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", "unknown"))
			.exchange()
			.expectStatus().isNoContent();
	}

	// revocation on users' events

	@Test
	void aPasswordChangeEndsEverySessionOfTheAccount() {
		Account account = register();
		String tokens = login(account.email(), PASSWORD);
		http.post().uri("/api/v1/users/{id}/change-password", account.id())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + access(tokens))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", PASSWORD, "newPassword", "brand new horse battery"))
			.exchange()
			.expectStatus().isNoContent();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> refreshWith(refresh(tokens)).expectStatus().isUnauthorized());
		login(account.email(), "brand new horse battery");
	}

	// password reset

	@Test
	void acceptsAResetRequestForAnUnknownEmailWithoutSayingSo() {
		http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().isEmpty();
	}

	@Test
	void resetsAPasswordWithASingleUseTokenAndEndsTheSessions() {
		Account account = register();
		String session = login(account.email(), PASSWORD);
		http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email()))
			.exchange()
			.expectStatus().isAccepted();
		String token = mailbox.tokens.get(account.email());
		assertThat(token).isNotNull();
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token, "newPassword", "reset horse battery"))
			.exchange()
			.expectStatus().isNoContent();
		login(account.email(), "reset horse battery");
		refreshWith(refresh(session)).expectStatus().isUnauthorized();
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token, "newPassword", "again horse battery"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesAWeakNewPasswordAndKeepsTheTokenUsable() {
		Account account = register();
		http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email()))
			.exchange()
			.expectStatus().isAccepted();
		String token = mailbox.tokens.get(account.email());
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token, "newPassword", "password1"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("newPassword");
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token, "newPassword", "reset horse battery"))
			.exchange()
			.expectStatus().isNoContent();
	}

	@Test
	void refusesUnknownAndExpiredResetTokens() {
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", "made-up", "newPassword", "reset horse battery"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		Account account = register();
		http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", account.email()))
			.exchange()
			.expectStatus().isAccepted();
		String token = mailbox.tokens.get(account.email());
		jdbc.sql("UPDATE auth.password_reset_tokens SET expires_at = :past WHERE token_hash = :hash")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("hash", OpaqueTokens.hash(token))
			.update();
		http.post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", token, "newPassword", "reset horse battery"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void storesOnlyHashesOfTokens() {
		Account account = register();
		String tokens = login(account.email(), PASSWORD);
		assertThat(jdbc.sql("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = :raw")
			.param("raw", refresh(tokens)).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = :hash")
			.param("hash", OpaqueTokens.hash(refresh(tokens))).query(Long.class).single()).isOne();
	}

	// discovery

	@Test
	void publishesTheKeysSoAStandardResourceServerValidatesOurTokens() {
		http.get().uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.keys[0].kty").isEqualTo("RSA")
			.jsonPath("$.keys[0].kid").isNotEmpty()
			.jsonPath("$.keys[0].alg").isEqualTo("RS256")
			.jsonPath("$.keys[0].d").doesNotExist()
			.jsonPath("$.keys[0].p").doesNotExist();
		Account account = register();
		String accessToken = access(login(account.email(), PASSWORD));
		NimbusJwtDecoder standard = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/.well-known/jwks.json")
			.build();
		Jwt jwt = standard.decode(accessToken);
		assertThat(jwt.getSubject()).isEqualTo(account.id().toString());
	}

	@Test
	void publishesAnOpenIdConfigurationNamingIssuerAndKeys() {
		http.get().uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.issuer").isEqualTo("http://localhost:8080")
			.jsonPath("$.jwks_uri").isEqualTo("http://localhost:8080/.well-known/jwks.json")
			.jsonPath("$.id_token_signing_alg_values_supported").isEqualTo(List.of("RS256"));
	}
}
