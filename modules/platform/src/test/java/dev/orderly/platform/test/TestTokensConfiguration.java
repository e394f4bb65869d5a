package dev.orderly.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Lets module tests authenticate without the auth module: import it and inject
 * {@link TestTokens}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokensConfiguration {

	@Bean
	TestTokens testTokens() {
		return new TestTokens();
	}

	/**
	 * Primary: a module whose test classpath also holds the auth module (notifications consumes
	 * its events) must still accept the test's tokens.
	 */
	@Bean
	@Primary
	JwtDecoder testJwtDecoder(TestTokens tokens) {
		return tokens.decoder();
	}
}
