package dev.orderly.platform.test;

import java.util.Set;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.orderly.platform.security.AccountRoles;
import dev.orderly.platform.security.CurrentUser;

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

	/**
	 * Module tests act as any administrator by token alone, for accounts that do not exist: the
	 * re-check of an administrator's current roles before a write is the users' and auth's to
	 * test with real accounts (auth's AccessTokenRevocationTests).
	 */
	@Bean
	@Primary
	AccountRoles rolesAsTheTokenClaims() {
		return userId -> Set.of(CurrentUser.USER, CurrentUser.ADMIN);
	}
}
