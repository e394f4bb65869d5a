package dev.orderly.users.web;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.orderly.platform.security.RateLimitPolicy;

/**
 * The stricter rate limits of users' endpoints that hash passwords or send e-mail (docs/adr/0010),
 * on top of the platform's default policy; each can be set as {@code orderly.rate-limit.<name>.*}.
 * The platform applies them (ADR 0033).
 */
@Configuration(proxyBeanMethods = false)
class UsersRateLimitConfiguration {

	/** Registration per client address. */
	@Bean
	RateLimitPolicy registrationRateLimit() {
		return RateLimitPolicy.post("registration", 20, Duration.ofHours(1), "/api/v1/users");
	}

	/** Verification e-mails sent again, per caller. */
	@Bean
	RateLimitPolicy verificationEmailRateLimit() {
		return RateLimitPolicy.post("verification-email", 5, Duration.ofHours(1), "/api/v1/users/*/verification-email");
	}
}
