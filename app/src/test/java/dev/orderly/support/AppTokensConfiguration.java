package dev.orderly.support;

import java.security.KeyPair;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

import dev.orderly.platform.test.TestTokens;

/**
 * Access tokens for app-level tests that the application's own {@code JwtDecoder} (auth module)
 * accepts: the auth module is configured with a signing key whose private half the tests hold,
 * so a test can act as any user or role without creating accounts first.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AppTokensConfiguration {

	private static final KeyPair KEYS = TestTokens.newKeyPair();

	/** The signing key the application under test is configured with (PKCS#8 PEM). */
	public static String signingKeyPem() {
		return TestTokens.privateKeyPem(KEYS);
	}

	@Bean
	DynamicPropertyRegistrar appSigningKey() {
		return registry -> registry.add("orderly.auth.signing-keys", AppTokensConfiguration::signingKeyPem);
	}

	@Bean
	TestTokens testTokens(Environment environment) {
		return TestTokens.signedLikeTheApplication(KEYS,
				environment.getProperty("orderly.auth.issuer", "http://localhost:8080"),
				environment.getProperty("orderly.auth.audience", "orderly-api"));
	}
}
