package dev.orderly.auth.persistence;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import dev.orderly.platform.StartupCheck;

/**
 * Checked before anything starts on an instance that runs auth (docs/adr/0034): under a
 * {@code prod}/{@code production} profile the token signing keys come from a secret
 * ({@code ORDERLY_AUTH_SIGNING_KEYS}). Without them the first instance would generate a key and keep it
 * in the database ({@link SigningKeys}), where any role that can read {@code auth.signing_keys} could
 * take it and mint administrator tokens. Listed in auth's {@code META-INF/spring.factories}.
 */
final class ProductionSigningKeys implements StartupCheck {

	static final String SIGNING_KEYS = "orderly.auth.signing-keys";

	@Override
	public void check(Environment environment) {
		if (!environment.acceptsProfiles(Profiles.of("prod | production"))) {
			return;
		}
		if (!StringUtils.hasText(environment.getProperty(SIGNING_KEYS))) {
			throw new IllegalStateException("The prod profile needs the token signing keys from a secret: set "
					+ "ORDERLY_AUTH_SIGNING_KEYS (" + SIGNING_KEYS + ", PKCS#8 PEM RSA private keys, the first signs); "
					+ "a key generated into the database is for development only");
		}
	}
}
