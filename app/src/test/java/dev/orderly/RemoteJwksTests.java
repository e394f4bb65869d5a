package dev.orderly;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import dev.orderly.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How an instance without auth fetches auth's JWKS (issue 32, docs/adr/0034): a flood of tokens with
 * unknown {@code kid}s costs auth a handful of fetches, and the last good keys survive an outage.
 * A real HTTP server on loopback plays auth's {@code /.well-known/jwks.json} and counts the fetches.
 */
class RemoteJwksTests {

	private static final String ISSUER = "http://localhost:8080";

	private static final String AUDIENCE = "orderly-api";

	private final KeyPair keys = TestTokens.newKeyPair();

	private final RSAKey publicJwk = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyUse(KeyUse.SIGNATURE)
		.keyID("auth-key-1")
		.build();

	private final AtomicInteger fetches = new AtomicInteger();

	private HttpServer auth;

	private String jwksUri;

	@BeforeEach
	void startAuth() throws IOException {
		auth = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		auth.createContext("/.well-known/jwks.json", exchange -> {
			fetches.incrementAndGet();
			byte[] body = new JWKSet(publicJwk).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		auth.start();
		jwksUri = "http://127.0.0.1:" + auth.getAddress().getPort() + "/.well-known/jwks.json";
	}

	@AfterEach
	void stopAuth() {
		auth.stop(0);
	}

	@Test
	void aFloodOfUnknownKeyIdsCostsAuthAHandfulOfFetches() throws Exception {
		JwtDecoder decoder = decoder(RemoteJwks.Timings.DEFAULT);
		assertThat(decoder.decode(token("auth-key-1")).getSubject()).isNotBlank();
		assertThat(fetches).hasValue(1);

		int refused = 0;
		long start = System.nanoTime();
		for (int i = 0; i < 500; i++) {
			try {
				decoder.decode(token("forged-" + UUID.randomUUID()));
			}
			catch (JwtException expected) {
				refused++;
			}
		}

		long windows = Duration.ofNanos(System.nanoTime() - start).dividedBy(RemoteJwks.Timings.DEFAULT.minFetchInterval()) + 1;

		assertThat(refused).isEqualTo(500);
		// the first fetch, then at most two per 5 s window the flood lasted (one window on a quiet machine)
		assertThat(fetches.get()).as("JWKS fetches for 500 unknown kids in %d window(s)", windows)
			.isLessThanOrEqualTo(1 + 2 * (int) windows);
		// the real key still works, from the cache, without another fetch
		int before = fetches.get();
		assertThat(decoder.decode(token("auth-key-1")).getSubject()).isNotBlank();
		assertThat(fetches).hasValue(before);
	}

	@Test
	void theLastGoodKeysStayInUseWhileAuthIsDown() throws Exception {
		RemoteJwks.Timings shortCache = new RemoteJwks.Timings(Duration.ofMillis(1000), Duration.ofMillis(200),
				Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofHours(1), Duration.ofMillis(500));
		JwtDecoder decoder = decoder(shortCache);
		assertThat(decoder.decode(token("auth-key-1")).getSubject()).isNotBlank();

		auth.stop(0); // auth goes away: connections are refused
		Thread.sleep(1500); // well past the cache's time to live

		assertThat(decoder.decode(token("auth-key-1")).getSubject()).isNotBlank();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token("unknown")));
	}

	private JwtDecoder decoder(RemoteJwks.Timings timings) {
		return SplitModeConfiguration.jwksJwtDecoder(RemoteJwks.source(jwksUri, timings),
				new SplitModeConfiguration.SplitProperties("orderly.events", Duration.ofSeconds(10), jwksUri, ISSUER,
						AUDIENCE, null),
				jwt -> OAuth2TokenValidatorResult.success());
	}

	/** An access token as auth issues them, signed with the real key, naming {@code kid}. */
	private String token(String kid) throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString())
			.issuer(ISSUER)
			.audience(List.of(AUDIENCE))
			.jwtID(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		jwt.sign(new RSASSASigner(keys.getPrivate()));
		return jwt.serialize();
	}
}
