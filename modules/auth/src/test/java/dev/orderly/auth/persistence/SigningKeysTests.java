package dev.orderly.auth.persistence;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.orderly.auth.AuthProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTests {

	@Test
	void signingKeysRoundTripThroughPkcs8PemWithAThumbprintKid() {
		var key = SigningKeys.generate();
		String pem = SigningKeys.toPem(key);
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		var read = SigningKeys.fromPem(pem);
		assertThat(read.getKeyID()).isEqualTo(key.getKeyID()).hasSize(43);
		assertThat(SigningKeys.fromPem(pem.replace("\n", "\\n")).getKeyID()).isEqualTo(key.getKeyID());
	}

	@Test
	void refusesAMalformedConfiguredKeyWithoutEchoingIt() {
		assertThatThrownBy(() -> SigningKeys.fromPem("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageNotContaining("c2VjcmV0");
	}

	@Test
	void configuredKeysWinTheFirstSignsAndAllArePublished() {
		var first = SigningKeys.generate();
		var second = SigningKeys.generate();
		AuthProperties properties = new AuthProperties(null, null, null, null, null,
				List.of(SigningKeys.toPem(first), " ", SigningKeys.toPem(second)));
		SigningKeys keys = new SigningKeys(properties, null, null, null);
		assertThat(keys.signingKey().getKeyID()).isEqualTo(first.getKeyID());
		assertThat(keys.publicJwks().getKeys()).extracting(key -> key.getKeyID())
			.containsExactly(first.getKeyID(), second.getKeyID());
		assertThat(keys.publicJwks().getKeys()).noneMatch(key -> key.isPrivate());
		assertThat(keys.publicKey(second.getKeyID())).isNotNull();
		assertThat(keys.publicKey("unknown")).isNull();
		assertThat(keys.publicKey(null)).isNull();
	}
}
