package dev.orderly.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Ids;
import dev.orderly.platform.web.ApiException;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.auth.events.PasswordResetRequested;

/**
 * Password reset by email: a request issues a single-use token (stored as its SHA-256 hash, valid
 * 30 minutes) for a live account and publishes {@link PasswordResetRequested}; for an unknown email
 * it does nothing, and the caller cannot tell the difference. Confirming sets the new password
 * through users and ends every session of the account.
 */
@Service
@Transactional
class PasswordResets {

	private final UserAccounts accounts;

	private final Sessions sessions;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final AuthProperties properties;

	private final Clock clock;

	PasswordResets(UserAccounts accounts, Sessions sessions, JdbcClient jdbc, ApplicationEventPublisher events,
			AuthProperties properties, Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	void request(String email) {
		Optional<UserAccount> found = accounts.findByEmail(email);
		if (found.isEmpty()) {
			return;
		}
		UserAccount account = found.get();
		Instant now = now();
		voidTokensOf(account.id(), now);
		String token = OpaqueTokens.generate();
		Instant expiresAt = now.plus(properties.passwordResetTtl());
		jdbc.sql("""
				INSERT INTO auth.password_reset_tokens (id, user_id, token_hash, expires_at, created_at, updated_at)
				VALUES (:id, :user, :hash, :expiresAt, :now, :now)""")
			.param("id", Ids.next()).param("user", account.id()).param("hash", OpaqueTokens.hash(token))
			.param("expiresAt", RefreshTokens.utc(expiresAt)).param("now", RefreshTokens.utc(now))
			.update();
		events.publishEvent(new PasswordResetRequested(account.id(), account.email(), account.displayName(), token,
				expiresAt));
	}

	/**
	 * Uses the token (atomically, once) and sets the password. A password the policy refuses rolls
	 * everything back, so the token can be used again with a better one.
	 */
	void confirm(String token, String newPassword) {
		Instant now = now();
		UUID userId = jdbc.sql("""
				UPDATE auth.password_reset_tokens SET used_at = :now, updated_at = :now
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
				RETURNING user_id""")
			.param("now", RefreshTokens.utc(now)).param("hash", OpaqueTokens.hash(token))
			.query(UUID.class).optional()
			.orElseThrow(PasswordResets::invalidToken);
		if (!accounts.resetPassword(userId, newPassword)) {
			throw invalidToken();
		}
		sessions.endSessionsOf(userId, now);
	}

	/** Voids the user's unused reset tokens (a newer request, a password change, a deletion). */
	void voidTokensOf(UUID userId, Instant now) {
		jdbc.sql("""
				UPDATE auth.password_reset_tokens SET used_at = :now, updated_at = :now
				WHERE id IN (SELECT id FROM auth.password_reset_tokens WHERE user_id = :user AND used_at IS NULL
				             ORDER BY id FOR UPDATE)""")
			.param("now", RefreshTokens.utc(now)).param("user", userId).update();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static ApiException invalidToken() {
		return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_TOKEN", "The token is invalid, expired or already used");
	}
}
