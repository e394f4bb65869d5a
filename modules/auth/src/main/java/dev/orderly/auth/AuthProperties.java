package dev.orderly.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the auth module ({@code orderly.auth.*}).
 *
 * @param issuer the {@code iss} of our tokens and the base URL of {@code /.well-known/*}
 * @param audience the {@code aud} of our tokens, required on every token we accept
 * @param accessTokenTtl lifetime of an access token (15 minutes)
 * @param refreshTokenTtl absolute lifetime of a refresh token family (30 days)
 * @param passwordResetTtl lifetime of a password reset token (30 minutes)
 * @param signingKeys PKCS#8 PEM RSA private keys ({@code ORDERLY_AUTH_SIGNING_KEYS}); the first signs,
 * all are published. Empty: a key is generated once and kept in the database.
 */
@ConfigurationProperties("orderly.auth")
public record AuthProperties(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl,
		Duration passwordResetTtl, List<String> signingKeys) {

	public AuthProperties {
		issuer = issuer == null || issuer.isBlank() ? "http://localhost:8080" : stripTrailingSlash(issuer.strip());
		audience = audience == null || audience.isBlank() ? "orderly-api" : audience.strip();
		accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
		refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
		passwordResetTtl = passwordResetTtl == null ? Duration.ofMinutes(30) : passwordResetTtl;
		signingKeys = signingKeys == null ? List.of()
				: signingKeys.stream().filter(key -> key != null && !key.isBlank()).toList();
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** Keeps private keys out of logs and error messages. */
	@Override
	public String toString() {
		return "AuthProperties[issuer=" + issuer + ", audience=" + audience + ", signingKeys=" + signingKeys.size()
				+ " configured]";
	}
}
