package dev.orderly.users.persistence;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.platform.Digests;
import dev.orderly.platform.Ids;
import dev.orderly.users.events.EmailVerificationRequested;

/**
 * Single-use, expiring email verification tokens. The token (256 random bits, base64url) leaves
 * only in the {@link EmailVerificationRequested} event; the table keeps its SHA-256 hash, so a
 * leaked table verifies nothing.
 */
@Repository
public class EmailVerificationTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	EmailVerificationTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Issued(String token, Instant expiresAt) {
	}

	/** Issues a new token for the user; any token issued before is void from now on. */
	public Issued issue(UUID userId, Instant now, Instant expiresAt) {
		jdbc.sql("""
				UPDATE users.email_verification_tokens SET used_at = :now, updated_at = :now
				WHERE user_id = :userId AND used_at IS NULL""")
			.param("now", utc(now)).param("userId", userId).update();
		String token = newToken();
		jdbc.sql("""
				INSERT INTO users.email_verification_tokens (id, user_id, token_hash, expires_at, created_at, updated_at)
				VALUES (:id, :userId, :hash, :expiresAt, :now, :now)""")
			.param("id", Ids.next()).param("userId", userId).param("hash", hash(token))
			.param("expiresAt", utc(expiresAt)).param("now", utc(now))
			.update();
		return new Issued(token, expiresAt);
	}

	/**
	 * Uses the token if it is the user's, unused and unexpired — atomically, so a token works once
	 * even when presented twice at the same moment.
	 */
	public boolean use(UUID userId, String token, Instant now) {
		return jdbc.sql("""
				UPDATE users.email_verification_tokens SET used_at = :now, updated_at = :now
				WHERE token_hash = :hash AND user_id = :userId AND used_at IS NULL AND expires_at > :now""")
			.param("now", utc(now)).param("hash", hash(token)).param("userId", userId)
			.update() == 1;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	public static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Hex SHA-256 of the token: tokens are high-entropy, so a fast unsalted hash is enough. */
	public static String hash(String token) {
		return Digests.sha256Hex(token);
	}

	/** Deletes up to {@code batch} tokens expired or used more than {@code keep} ago (one short statement). */
	public int deleteSpentBefore(Duration keep, int batch) {
		return jdbc.sql("""
				DELETE FROM users.email_verification_tokens WHERE id IN (
				  SELECT id FROM users.email_verification_tokens
				  WHERE expires_at < now() - make_interval(secs => :keep)
				     OR used_at < now() - make_interval(secs => :keep)
				  LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.param("keep", keep.toSeconds())
			.param("batch", batch)
			.update();
	}
}
