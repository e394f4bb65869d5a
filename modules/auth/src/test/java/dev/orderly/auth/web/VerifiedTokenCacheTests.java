package dev.orderly.auth.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signature of a token is verified once; everything else is judged on every use. */
class VerifiedTokenCacheTests {

	static final Instant ISSUED = Instant.parse("2026-11-25T10:00:00Z");

	final AtomicInteger verifications = new AtomicInteger();

	final JwtDecoder countingVerifier = token -> {
		if (token.startsWith("forged")) {
			verifications.incrementAndGet();
			throw new BadJwtException("bad signature");
		}
		verifications.incrementAndGet();
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("user").claim("sid", token)
			.issuedAt(ISSUED).expiresAt(ISSUED.plus(Duration.ofMinutes(15))).build();
	};

	@Test
	void verifiesEachTokenOnceAndValidatesEveryUse() {
		AtomicInteger validations = new AtomicInteger();
		VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, jwt -> {
			validations.incrementAndGet();
			return OAuth2TokenValidatorResult.success();
		}, Duration.ofMinutes(15));

		for (int i = 0; i < 5; i++) {
			assertThat(cache.decode("token-a").getSubject()).isEqualTo("user");
		}
		cache.decode("token-b");

		assertThat(verifications).hasValue(2);
		assertThat(validations).hasValue(6);
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void refusesACachedTokenOnceItExpiresAtTheSameMomentAsWithoutTheCache() {
		AtomicReference<Instant> now = new AtomicReference<>(ISSUED.plusSeconds(60));
		JwtTimestampValidator timestamps = new JwtTimestampValidator(); // 60 s clock skew, as in the app
		timestamps.setClock(new Clock() {
			@Override
			public Instant instant() {
				return now.get();
			}

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}
		});
		VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, timestamps, Duration.ofMinutes(15));
		cache.decode("token");

		now.set(ISSUED.plus(Duration.ofMinutes(15)).plusSeconds(59)); // within the 60 s skew: still valid
		cache.decode("token");
		now.set(ISSUED.plus(Duration.ofMinutes(15)).plusSeconds(61));
		assertThatThrownBy(() -> cache.decode("token")).isInstanceOf(JwtValidationException.class);
		assertThat(verifications).hasValue(1);
	}

	@Test
	void refusesACachedTokenWhoseSessionIsRevokedFromThenOn() {
		AtomicReference<String> revokedSession = new AtomicReference<>();
		OAuth2TokenValidator<Jwt> notRevoked = jwt -> jwt.getClaimAsString("sid").equals(revokedSession.get())
				? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "revoked", null))
				: OAuth2TokenValidatorResult.success();
		VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, notRevoked, Duration.ofMinutes(15));
		cache.decode("token");

		revokedSession.set("token");
		assertThatThrownBy(() -> cache.decode("token")).isInstanceOf(JwtValidationException.class)
			.hasMessageContaining("revoked");
	}

	@Test
	void cachesNoTokenThatFailsVerification() {
		VerifiedTokenCache cache = new VerifiedTokenCache(countingVerifier, jwt -> OAuth2TokenValidatorResult.success(),
				Duration.ofMinutes(15));
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
		}
		assertThat(verifications).hasValue(3);
		assertThat(cache.size()).isZero();
	}
}
