package dev.orderly.auth;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import dev.orderly.platform.security.PublicEndpoints;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
@PropertySource("classpath:orderly-auth-defaults.properties")
class AuthConfiguration {

	/** Everything a caller without an access token needs: getting one, and validating ours. */
	@Bean
	PublicEndpoints authPublicEndpoints() {
		return PublicEndpoints.post("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
				"/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm");
	}

	@Bean
	PublicEndpoints wellKnownEndpoints() {
		return PublicEndpoints.get("/.well-known/jwks.json", "/.well-known/openid-configuration");
	}
}
