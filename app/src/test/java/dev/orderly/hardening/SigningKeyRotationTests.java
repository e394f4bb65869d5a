package dev.orderly.hardening;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;
import dev.orderly.support.AppTokensConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys on several instances (docs/adr/0036): every instance is given the same key list
 * ({@code ORDERLY_AUTH_SIGNING_KEYS}, one Secret), signs with the first key and accepts tokens of every
 * key in its list, and publishes all of them in its JWKS. Here one instance has the application's key
 * only, the other — a pod of the next rollout of a key rotation — a new key first and the old one
 * second: the new pod accepts the old pods' tokens, and its own tokens, signed with the new key, are
 * refused where the new key is not yet known. Hence the three rollouts of a rotation: publish the new
 * key everywhere (second), then sign with it (first), then drop the old key once its last tokens expired.
 */
@HardeningTest
class SigningKeyRotationTests {

	static final String PASSWORD = "correct horse battery staple";

	@Autowired
	DataSource dataSource;

	@Autowired
	RestTestClient here;

	@Test
	void aPodWithTheNewKeyFirstAcceptsTheOldKeysTokensAndPublishesBothKeys() {
		KeyPair newKey = TestTokens.newKeyPair();
		// as a pod of the next rollout gets them: ORDERLY_AUTH_SIGNING_KEYS="<new>,<old>"
		String keys = TestTokens.privateKeyPem(newKey) + "," + AppTokensConfiguration.signingKeyPem();
		try (SecondInstance next = SecondInstance.start(SecondInstance.Database.of(dataSource),
				Map.of("orderly.rate-limit.enabled", "false", "orderly.auth.signing-keys", keys))) {
			RestTestClient there = SharedRateLimitTests.client(next);
			String email = "rotation-" + UUID.randomUUID() + "@example.com";
			here.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", email, "password", PASSWORD, "displayName", "Rosa"))
				.exchange()
				.expectStatus().is2xxSuccessful();

			List<String> published = JsonPath.read(there.get().uri("/.well-known/jwks.json").exchange()
				.expectStatus().isOk().returnResult(String.class).getResponseBody(), "$.keys[*].kid");
			List<String> before = JsonPath.read(here.get().uri("/.well-known/jwks.json").exchange()
				.expectStatus().isOk().returnResult(String.class).getResponseBody(), "$.keys[*].kid");
			assertThat(published).as("the new key first, the old one still published").hasSize(2).endsWith(before.get(0));

			String oldToken = login(here, email);
			assertThat(kid(oldToken)).isEqualTo(before.get(0));
			me(there, oldToken).expectStatus().isOk();

			String newToken = login(there, email);
			assertThat(kid(newToken)).isEqualTo(published.get(0));
			me(there, newToken).expectStatus().isOk();
			me(here, newToken).expectStatus().isUnauthorized()
				.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
		}
	}

	static String login(RestTestClient client, String email) {
		String tokens = client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", PASSWORD))
			.exchange()
			.expectStatus().isOk()
			.returnResult(String.class).getResponseBody();
		return JsonPath.read(tokens, "$.data.accessToken");
	}

	static RestTestClient.ResponseSpec me(RestTestClient client, String token) {
		return client.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	static String kid(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
				StandardCharsets.UTF_8);
		return JsonPath.read(header, "$.kid");
	}
}
