package dev.orderly.auth.web;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.orderly.platform.security.RateLimitPolicy;

/**
 * The stricter rate limits of auth's endpoints that attract brute force (docs/adr/0010), on top of
 * the platform's default policy; each can be set as {@code orderly.rate-limit.<name>.*}. The platform
 * applies them (ADR 0033).
 */
@Configuration(proxyBeanMethods = false)
class AuthRateLimitConfiguration {

	/**
	 * Login per client address, and per (target account, client address) counting failed attempts
	 * only, so a user who knows their password is never slowed by it.
	 */
	@Bean
	RateLimitPolicy loginRateLimit() {
		return RateLimitPolicy.post("login", 20, Duration.ofMinutes(1), "/api/v1/auth/login")
			.perAccount("login-account", 5, Duration.ofMinutes(5));
	}

	/** Password reset requests and confirmations per caller: each request may send an e-mail. */
	@Bean
	RateLimitPolicy passwordResetRateLimit() {
		return RateLimitPolicy.post("password-reset", 10, Duration.ofHours(1), "/api/v1/auth/password-reset",
				"/api/v1/auth/password-reset/confirm");
	}
}
