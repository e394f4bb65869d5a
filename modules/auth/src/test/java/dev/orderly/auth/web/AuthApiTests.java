package dev.orderly.auth.web;

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
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.client.RestTestClient;


import dev.orderly.auth.AuthRequests.Account;
import dev.orderly.auth.AuthRequests;
import dev.orderly.auth.domain.OpaqueTokens;
import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccounts;
import static dev.orderly.auth.AuthRequests.accessToken;
import static dev.orderly.auth.AuthRequests.bearer;
import static dev.orderly.auth.AuthRequests.refreshToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auth API over real HTTP against PostgreSQL, with real accounts (registered through the users
 * API) and real tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(AuthApiTests.ResetMailbox.class)
public class AuthApiTests {

	/** Stands in for the mail: keeps the last password reset token per user. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class ResetMailbox {

		public final Map<String, String> tokens = new ConcurrentHashMap<>();

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

	static final String PASSWORD = AuthRequests.PASSWORD;

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

	AuthRequests requests;

	@BeforeEach
	void requests() {
		requests = new AuthRequests(http, accounts);
	}

	// login

	@Test
	void logsInWithABearerTokenPairThatIsNotCached() {
		Account account = requests.registered();
		requests.login(account.email(), PASSWORD)
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
		Account account = requests.registered();
		String accessToken = accessToken(requests.loggedIn(account));
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
		requests.me("Bearer " + accessToken).expectStatus().isOk()
			.expectBody().jsonPath("$.data.id").isEqualTo(account.id().toString());
	}

	@Test
	void letsAnUnverifiedUserLogIn() {
		Account account = requests.registered();
		requests.me(bearer(requests.loggedIn(account))).expectStatus().isOk()
			.expectBody().jsonPath("$.data.emailVerified").isEqualTo(false);
	}

	@Test
	void givesOneIdenticalAnswerToEveryKindOfFailedLogin() {
		Account account = requests.registered();
		Account deleted = requests.registered();
		requests.delete(deleted.id(), bearer(requests.loggedIn(deleted.email(), PASSWORD)))
			.expectStatus().isNoContent();
		List<Map<String, String>> attempts = List.of(Map.of("email", account.email(), "password", "wrong horse battery"),
				Map.of("email", "nobody-" + account.email(), "password", PASSWORD),
				Map.of("email", deleted.email(), "password", PASSWORD),
				Map.of("email", "not even an email", "password", PASSWORD));
		List<String> bodies = attempts.stream()
			.map(attempt -> requests.login(attempt)
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
		Account account = requests.registered();
		double succeeded = meters.counter("orderly.auth.logins.succeeded").count();
		double failed = meters.counter("orderly.auth.logins.failed").count();
		requests.loggedIn(account);
		requests.login(account.email(), "wrong horse battery")
			.expectStatus().isUnauthorized();
		assertThat(meters.counter("orderly.auth.logins.succeeded").count()).isEqualTo(succeeded + 1);
		assertThat(meters.counter("orderly.auth.logins.failed").count()).isEqualTo(failed + 1);
		assertThat(meters.counter("orderly.users.registered").count()).isPositive();
	}

	@Test
	void refusesALoginWithoutPassword() {
		requests.login(Map.of("email", "a@example.com"))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
	}

	// refresh

	@Test
	void rotatesTheRefreshTokenOnEveryUse() {
		Account account = requests.registered();
		String first = requests.loggedIn(account);
		String second = requests.refresh(refreshToken(first)).expectStatus().isOk()
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.returnResult(String.class).getResponseBody();
		assertThat(refreshToken(second)).isNotEqualTo(refreshToken(first));
		assertThat(JsonPath.<Integer>read(second, "$.data.refreshExpiresIn")).isLessThanOrEqualTo((int) Duration.ofDays(30).toSeconds());
		requests.me(bearer(second)).expectStatus().isOk();
		requests.refresh(refreshToken(second)).expectStatus().isOk();
	}

	@Test
	void revokesTheWholeFamilyWhenAUsedRefreshTokenComesBack() {
		Account account = requests.registered();
		String first = requests.loggedIn(account);
		String second = requests.refresh(refreshToken(first)).expectStatus().isOk()
			.returnResult(String.class).getResponseBody();
		requests.refresh(refreshToken(first)).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		requests.refresh(refreshToken(second)).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void leavesOtherSessionsAloneWhenOneFamilyIsRevoked() {
		Account account = requests.registered();
		String laptop = requests.loggedIn(account);
		String phone = requests.loggedIn(account);
		requests.refresh(refreshToken(laptop)).expectStatus().isOk();
		requests.refresh(refreshToken(laptop)).expectStatus().isUnauthorized();
		requests.refresh(refreshToken(phone)).expectStatus().isOk();
	}

	@Test
	void refusesUnknownAndExpiredRefreshTokens() {
		requests.refresh("no-such-token").expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		Account account = requests.registered();
		String tokens = requests.loggedIn(account);
		jdbc.sql("UPDATE auth.refresh_tokens SET expires_at = :past WHERE token_hash = :hash")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("hash", OpaqueTokens.hash(refreshToken(tokens)))
			.update();
		requests.refresh(refreshToken(tokens)).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesARefreshForADeletedAccount() {
		Account account = requests.registered();
		String tokens = requests.loggedIn(account);
		requests.delete(account.id(), bearer(tokens))
			.expectStatus().isNoContent();
		requests.refresh(refreshToken(tokens)).expectStatus().isUnauthorized();
	}

	// logout

	@Test
	void logsOutSoTheRefreshTokenIsDead() {
		Account account = requests.registered();
		String tokens = requests.loggedIn(account);
		requests.logout(refreshToken(tokens))
			.expectStatus().isNoContent();
		requests.refresh(refreshToken(tokens)).expectStatus().isUnauthorized();
		requests.logout("unknown")
			.expectStatus().isNoContent();
	}

	// revocation on users' events

	@Test
	void aPasswordChangeEndsEverySessionOfTheAccount() {
		Account account = requests.registered();
		String tokens = requests.loggedIn(account);
		requests.changePassword(account.id(), bearer(tokens), PASSWORD, "brand new horse battery")
			.expectStatus().isNoContent();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> requests.refresh(refreshToken(tokens)).expectStatus().isUnauthorized());
		requests.loggedIn(account.email(), "brand new horse battery");
	}

	// password reset

	@Test
	void acceptsAResetRequestForAnUnknownEmailWithoutSayingSo() {
		requests.requestReset("nobody-" + UUID.randomUUID() + "@example.com")
			.expectStatus().isAccepted()
			.expectBody().isEmpty();
	}

	@Test
	void resetsAPasswordWithASingleUseTokenAndEndsTheSessions() {
		Account account = requests.registered();
		String session = requests.loggedIn(account);
		String token = requests.resetToken(account, mailbox.tokens);
		requests.confirmReset(token, "reset horse battery")
			.expectStatus().isNoContent();
		requests.loggedIn(account.email(), "reset horse battery");
		requests.refresh(refreshToken(session)).expectStatus().isUnauthorized();
		requests.confirmReset(token, "again horse battery")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void refusesAWeakNewPasswordAndKeepsTheTokenUsable() {
		Account account = requests.registered();
		String token = requests.resetToken(account, mailbox.tokens);
		requests.confirmReset(token, "password1")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("newPassword");
		requests.confirmReset(token, "reset horse battery")
			.expectStatus().isNoContent();
	}

	@Test
	void refusesUnknownAndExpiredResetTokens() {
		requests.confirmReset("made-up", "reset horse battery")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		Account account = requests.registered();
		String token = requests.resetToken(account, mailbox.tokens);
		jdbc.sql("UPDATE auth.password_reset_tokens SET expires_at = :past WHERE token_hash = :hash")
			.param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("hash", OpaqueTokens.hash(token))
			.update();
		requests.confirmReset(token, "reset horse battery")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void storesOnlyHashesOfTokens() {
		Account account = requests.registered();
		String tokens = requests.loggedIn(account);
		assertThat(jdbc.sql("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = :raw")
			.param("raw", refreshToken(tokens)).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = :hash")
			.param("hash", OpaqueTokens.hash(refreshToken(tokens))).query(Long.class).single()).isOne();
	}

	// discovery

	@Test
	void publishesTheKeysSoAStandardResourceServerValidatesOurTokens() {
		http.get().uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().values(HttpHeaders.CACHE_CONTROL, values -> assertThat(values).containsExactly("max-age=300, public"))
			.expectBody()
			.jsonPath("$.keys[0].kty").isEqualTo("RSA")
			.jsonPath("$.keys[0].kid").isNotEmpty()
			.jsonPath("$.keys[0].alg").isEqualTo("RS256")
			.jsonPath("$.keys[0].d").doesNotExist()
			.jsonPath("$.keys[0].p").doesNotExist();
		Account account = requests.registered();
		String accessToken = accessToken(requests.loggedIn(account));
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
			.expectHeader().values(HttpHeaders.CACHE_CONTROL, values -> assertThat(values).containsExactly("max-age=300, public"))
			.expectBody()
			.jsonPath("$.issuer").isEqualTo("http://localhost:8080")
			.jsonPath("$.jwks_uri").isEqualTo("http://localhost:8080/.well-known/jwks.json")
			.jsonPath("$.id_token_signing_alg_values_supported").isEqualTo(List.of("RS256"));
	}
}
