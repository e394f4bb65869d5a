package dev.orderly;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Secrets a production instance must be given, checked before anything starts (docs/adr/0034).
 * Under a {@code prod}/{@code production} profile an instance that runs auth needs its signing keys
 * from a secret ({@code ORDERLY_AUTH_SIGNING_KEYS}): without them the first instance would generate a
 * key and keep it in the database, where any role that can read {@code auth.signing_keys} could take
 * it and mint administrator tokens.
 */
final class ProductionSecrets {

	static final String SIGNING_KEYS = "orderly.auth.signing-keys";

	private ProductionSecrets() {
	}

	static void check(ConfigurableEnvironment environment, boolean runsAuth) {
		if (!runsAuth || !environment.acceptsProfiles(Profiles.of("prod | production"))) {
			return;
		}
		if (!StringUtils.hasText(environment.getProperty(SIGNING_KEYS))) {
			throw new IllegalStateException("The prod profile needs the token signing keys from a secret: set "
					+ "ORDERLY_AUTH_SIGNING_KEYS (" + SIGNING_KEYS + ", PKCS#8 PEM RSA private keys, the first signs); "
					+ "a key generated into the database is for development only");
		}
	}
}
