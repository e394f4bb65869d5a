package dev.orderly.auth.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.platform.Ids;

/**
 * The password reset tokens, by hash: the only class that reads or writes
 * {@code auth.password_reset_tokens}. A token is single-use and expires; the table never holds the
 * token itself.
 */
@Repository
public class PasswordResetTokens {

	private final JdbcClient jdbc;

	PasswordResetTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID userId, String hash, Instant expiresAt, Instant now) {
		jdbc.sql("""
				INSERT INTO auth.password_reset_tokens (id, user_id, token_hash, expires_at, created_at, updated_at)
				VALUES (:id, :user, :hash, :expiresAt, :now, :now)""")
			.param("id", Ids.next()).param("user", userId).param("hash", hash)
			.param("expiresAt", RefreshTokens.utc(expiresAt)).param("now", RefreshTokens.utc(now))
			.update();
	}

	/**
	 * Uses the token if it is unused and unexpired — atomically, so it works once even when presented
	 * twice at the same moment.
	 * @return the id of the user it was issued to; empty when it cannot be used
	 */
	public Optional<UUID> use(String hash, Instant now) {
		return jdbc.sql("""
				UPDATE auth.password_reset_tokens SET used_at = :now, updated_at = :now
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
				RETURNING user_id""")
			.param("now", RefreshTokens.utc(now)).param("hash", hash)
			.query(UUID.class).optional();
	}

	/** Voids the user's unused tokens; rows are locked in id order, so concurrent calls cannot deadlock. */
	public void voidAllOf(UUID userId, Instant now) {
		jdbc.sql("""
				UPDATE auth.password_reset_tokens SET used_at = :now, updated_at = :now
				WHERE id IN (SELECT id FROM auth.password_reset_tokens WHERE user_id = :user AND used_at IS NULL
				             ORDER BY id FOR UPDATE)""")
			.param("now", RefreshTokens.utc(now)).param("user", userId).update();
	}

	/** Deletes up to {@code batch} tokens expired or used more than {@code keep} ago (one short statement). */
	public int deleteSpentBefore(Duration keep, int batch) {
		return jdbc.sql("""
				DELETE FROM auth.password_reset_tokens WHERE id IN (
				  SELECT id FROM auth.password_reset_tokens
				  WHERE expires_at < now() - make_interval(secs => :keep)
				     OR used_at < now() - make_interval(secs => :keep)
				  LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.param("keep", keep.toSeconds())
			.param("batch", batch)
			.update();
	}
}
