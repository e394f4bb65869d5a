package dev.orderly.auth.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderly.auth.AuthProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTokenTests {

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	static final Duration THIRTY_DAYS = Duration.ofDays(30);

	@Test
	void aLoginStartsAFamilyThatLivesThirtyDays() {
		RefreshToken token = RefreshToken.startFamily(UUID.randomUUID(), NOW, THIRTY_DAYS);
		assertThat(token.expiresAt()).isEqualTo(NOW.plus(THIRTY_DAYS));
		assertThat(token.status(NOW)).isEqualTo(RefreshToken.Status.ACTIVE);
	}

	@Test
	void rotationKeepsTheFamilyAndItsAbsoluteExpiry() {
		RefreshToken first = RefreshToken.startFamily(UUID.randomUUID(), NOW, THIRTY_DAYS);
		RefreshToken second = first.successor(NOW.plus(Duration.ofDays(29)));
		assertThat(second.familyId()).isEqualTo(first.familyId());
		assertThat(second.userId()).isEqualTo(first.userId());
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(second.expiresAt()).isEqualTo(first.expiresAt());
	}

	@Test
	void aUsedTokenPresentedAgainIsReuse() {
		RefreshToken used = new RefreshToken(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				NOW.plus(THIRTY_DAYS), NOW, null, NOW);
		assertThat(used.status(NOW.plusSeconds(1))).isEqualTo(RefreshToken.Status.USED);
		assertThatThrownBy(() -> used.successor(NOW.plusSeconds(1))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void revocationWinsOverEverythingElse() {
		RefreshToken revoked = new RefreshToken(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				NOW.minusSeconds(1), NOW, NOW, NOW);
		assertThat(revoked.status(NOW)).isEqualTo(RefreshToken.Status.REVOKED);
	}

	@Test
	void expiresAtTheFamilysAbsoluteExpiry() {
		RefreshToken token = RefreshToken.startFamily(UUID.randomUUID(), NOW, THIRTY_DAYS);
		assertThat(token.status(NOW.plus(THIRTY_DAYS).minusMillis(1))).isEqualTo(RefreshToken.Status.ACTIVE);
		assertThat(token.status(NOW.plus(THIRTY_DAYS))).isEqualTo(RefreshToken.Status.EXPIRED);
	}

	@Test
	void opaqueTokensCarry256RandomBitsAndAreStoredAsSha256() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String token = OpaqueTokens.generate();
			assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
			assertThat(seen.add(token)).isTrue();
		}
		String token = OpaqueTokens.generate();
		assertThat(OpaqueTokens.hash(token)).hasSize(64).isEqualTo(OpaqueTokens.hash(token)).isNotEqualTo(token);
		assertThat(OpaqueTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void defaultsToFifteenMinuteAccessTokensAndThirtyDayRefreshTokens() {
		AuthProperties defaults = new AuthProperties(null, null, null, null, null, null);
		assertThat(defaults.issuer()).isEqualTo("http://localhost:8080");
		assertThat(defaults.audience()).isEqualTo("orderly-api");
		assertThat(defaults.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
		assertThat(defaults.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
		assertThat(defaults.passwordResetTtl()).isEqualTo(Duration.ofMinutes(30));
		assertThat(defaults.signingKeys()).isEmpty();
	}
}
