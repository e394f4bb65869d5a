package dev.orderly.auth.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.auth.AuthRequests;
import dev.orderly.auth.persistence.SigningKeys;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccounts;

/**
 * Forged, altered and foreign tokens against a protected endpoint: each one is 401
 * {@code INVALID_TOKEN}, while the genuine token of the same user is 200.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(AuthApiTests.ResetMailbox.class) // the same context as AuthApiTests
class JwtAttackTests {

	@Autowired
	RestTestClient http;

	@Autowired
	UserAccounts accounts;

	@Autowired
	SigningKeys keys;

	static final RSAKey ATTACKER = SigningKeys.generate();

	UUID userId;

	String genuine;

	@BeforeEach
	void logIn() {
		AuthRequests requests = new AuthRequests(http, accounts);
		AuthRequests.Account victim = requests.registered();
		userId = victim.id();
		genuine = AuthRequests.accessToken(requests.loggedIn(victim));
	}

	JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("http://localhost:8080")
			.audience("orderly-api")
			.subject(userId.toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.claim("roles", List.of("USER", "ADMIN"));
	}

	JWSHeader.Builder header(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT);
	}

	static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	String ours(JWTClaimsSet claims) throws Exception {
		return sign(header(keys.signingKey().getKeyID()).build(), claims, keys.signingKey());
	}

	void assertRejected(String token) {
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void acceptsTheGenuineTokenAndAWellFormedOneSignedWithOurKey() throws Exception {
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + genuine)
			.exchange()
			.expectStatus().isOk();
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + ours(claims().build()))
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void rejectsAlgNone() {
		String payload = genuine.split("\\.")[1];
		assertRejected(base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
		assertRejected(base64Url("{\"alg\":\"none\"}") + "." + payload);
	}

	@Test
	void rejectsHs256SignedWithOurPublicKeyAsTheSecret() throws Exception {
		byte[] publicKeyBytes = keys.signingKey().toRSAPublicKey().getEncoded();
		byte[] publicJwkBytes = keys.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
		for (byte[] secret : List.of(publicKeyBytes, publicJwkBytes)) {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.signingKey().getKeyID())
				.type(JOSEObjectType.JWT).build(), claims().build());
			jwt.sign(new MACSigner(secret));
			assertRejected(jwt.serialize());
		}
	}

	@Test
	void rejectsATamperedPayload() {
		String[] parts = genuine.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"USER\"", "\"ADMIN\"");
		assertRejected(parts[0] + "." + base64Url(payload) + "." + parts[2]);
	}

	@Test
	void rejectsAStrippedSignature() {
		String[] parts = genuine.split("\\.");
		assertRejected(parts[0] + "." + parts[1] + ".");
		assertRejected(parts[0] + "." + parts[1]);
	}

	@Test
	void rejectsAForeignKeyUsingOurKid() throws Exception {
		assertRejected(sign(header(keys.signingKey().getKeyID()).build(), claims().build(), ATTACKER));
	}

	@Test
	void rejectsATokenWithoutKidEvenIfSignedWithOurKey() throws Exception {
		assertRejected(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
				claims().build(), keys.signingKey()));
	}

	@Test
	void rejectsInjectedKids() throws Exception {
		for (String kid : List.of("../../etc/passwd", "' OR '1'='1", "x\"; DROP TABLE auth.signing_keys; --",
				"/dev/null", ATTACKER.getKeyID())) {
			assertRejected(sign(header(kid).build(), claims().build(), ATTACKER));
		}
	}

	@Test
	void neverTakesTheKeyFromAnEmbeddedJwk() throws Exception {
		assertRejected(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(ATTACKER.toPublicJWK())
			.keyID(ATTACKER.getKeyID()).build(), claims().build(), ATTACKER));
		// even with our kid, a token carrying a key is refused
		assertRejected(sign(header(keys.signingKey().getKeyID()).jwk(keys.signingKey().toPublicJWK()).build(),
				claims().build(), keys.signingKey()));
	}

	@Test
	void neverFetchesAKeyFromJkuOrX5u() throws Exception {
		assertRejected(sign(header(ATTACKER.getKeyID()).jwkURL(URI.create("https://attacker.example/jwks.json")).build(),
				claims().build(), ATTACKER));
		assertRejected(sign(header(keys.signingKey().getKeyID()).jwkURL(URI.create("https://attacker.example/jwks.json"))
			.build(), claims().build(), keys.signingKey()));
		assertRejected(sign(header(keys.signingKey().getKeyID()).x509CertURL(URI.create("https://attacker.example/cert.pem"))
			.build(), claims().build(), keys.signingKey()));
	}

	@Test
	void rejectsAnExpiredToken() throws Exception {
		Instant past = Instant.now().minusSeconds(3600);
		assertRejected(ours(claims().issueTime(Date.from(past.minusSeconds(900))).expirationTime(Date.from(past)).build()));
	}

	@Test
	void rejectsATokenWithoutExpiry() throws Exception {
		assertRejected(ours(claims().expirationTime(null).build()));
	}

	@Test
	void rejectsAWrongIssuer() throws Exception {
		assertRejected(ours(claims().issuer("https://evil.example").build()));
		assertRejected(ours(claims().issuer(null).build()));
	}

	@Test
	void rejectsAWrongAudience() throws Exception {
		assertRejected(ours(claims().audience("another-api").build()));
		assertRejected(ours(claims().audience((String) null).build()));
	}

	@Test
	void rejectsATokenWithoutSubject() throws Exception {
		assertRejected(ours(claims().subject(null).build()));
	}

	@Test
	void rejectsATokenWithoutASessionOrWithAMalformedOne() throws Exception {
		assertRejected(ours(claims().claim("sid", null).build()));
		assertRejected(ours(claims().claim("sid", "not-a-session").build()));
	}
}
