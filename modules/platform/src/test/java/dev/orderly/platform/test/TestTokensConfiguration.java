package dev.orderly.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
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

	@Bean
	JwtDecoder testJwtDecoder(TestTokens tokens) {
		return tokens.decoder();
	}
}
