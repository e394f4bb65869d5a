package dev.orderly.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import dev.orderly.auth.application.Sessions;
import dev.orderly.auth.persistence.PasswordResetTokens;
import dev.orderly.auth.persistence.RefreshTokens;
import dev.orderly.auth.persistence.RevokedSessions;
import dev.orderly.platform.OwnThreadSchedule;
import dev.orderly.platform.Retention;
import dev.orderly.platform.SecurityEvents;
import dev.orderly.platform.security.PublicEndpoints;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
@PropertySource("classpath:orderly-auth-defaults.properties")
public class AuthConfiguration {

	/** Everything a caller without an access token needs: getting one, and validating ours. */
	@Bean
	PublicEndpoints authPublicEndpoints() {
		return PublicEndpoints.post("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
				"/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm");
	}

	/** The security event auth raises itself (a reused refresh token), counted from the start. */
	@Bean
	SecurityEvents.Counted authSecurityEvents() {
		return new SecurityEvents.Counted(List.of(Sessions.REFRESH_TOKEN_REUSED));
	}

	@Bean
	PublicEndpoints wellKnownEndpoints() {
		return PublicEndpoints.get("/.well-known/jwks.json", "/.well-known/openid-configuration");
	}

	/**
	 * The revocation refresh on a thread of its own: on the application's scheduler it shared the one
	 * thread on which Spring runs every fixed-delay task, so any long task there (a draining email
	 * dispatcher, a large clean-up) stretched the bound of ADR 0015 (ADR 0029).
	 */
	@Bean
	OwnThreadSchedule revocationRefresh(RevokedSessions sessions,
			@Value("${orderly.auth.revocation-refresh-interval:500ms}") Duration interval) {
		return new OwnThreadSchedule("orderly-revocation-refresh", interval, sessions::refresh);
	}

	/**
	 * Retention (docs/ops/README.md, "Data retention"): refresh tokens of ended sessions and spent reset
	 * tokens are deleted after a while, in bounded batches, every {@code orderly.auth.retention.interval}
	 * on a thread of its own.
	 */
	@Bean
	OwnThreadSchedule authRetention(RefreshTokens refreshTokens, PasswordResetTokens resetTokens,
			@Value("${orderly.auth.retention.refresh-tokens:7d}") Duration refresh,
			@Value("${orderly.auth.retention.reset-tokens:1d}") Duration reset,
			@Value("${orderly.auth.retention.batch-size:1000}") int batchSize,
			@Value("${orderly.auth.retention.interval:1h}") Duration interval) {
		return new OwnThreadSchedule("orderly-auth-retention", interval, () -> {
			Retention.purge("auth.refresh_tokens", batchSize, batch -> refreshTokens.deleteEndedBefore(refresh, batch));
			Retention.purge("auth.password_reset_tokens", batchSize, batch -> resetTokens.deleteSpentBefore(reset, batch));
		});
	}
}
