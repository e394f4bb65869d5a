package dev.orderly.auth.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.orderly.auth.domain.RefreshToken;

/** The refresh tokens, by hash; all writes are idempotent. */
@Repository
public class RefreshTokens {

	private final JdbcClient jdbc;

	RefreshTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(RefreshToken token, String hash) {
		jdbc.sql("""
				INSERT INTO auth.refresh_tokens (id, family_id, user_id, token_hash, expires_at, created_at, updated_at)
				VALUES (:id, :family, :user, :hash, :expiresAt, :now, :now)""")
			.param("id", token.id()).param("family", token.familyId()).param("user", token.userId())
			.param("hash", hash).param("expiresAt", utc(token.expiresAt())).param("now", utc(token.createdAt()))
			.update();
	}

	/** Finds and locks the token, so two refreshes with one token are serialised. */
	public Optional<RefreshToken> lockByHash(String hash) {
		return jdbc.sql("SELECT * FROM auth.refresh_tokens WHERE token_hash = :hash FOR UPDATE")
			.param("hash", hash)
			.query((rs, n) -> token(rs))
			.optional();
	}

	public void markUsed(UUID id, Instant now) {
		jdbc.sql("UPDATE auth.refresh_tokens SET used_at = :now, updated_at = :now WHERE id = :id AND used_at IS NULL")
			.param("now", utc(now)).param("id", id).update();
	}

	/**
	 * Revokes a family; returns its id when anything was left to revoke. Rows are locked in id order,
	 * like {@link #revokeAllOfUser}, so that two revocations cannot deadlock each other.
	 */
	public List<UUID> revokeFamily(UUID familyId, Instant now) {
		return jdbc.sql("""
				UPDATE auth.refresh_tokens SET revoked_at = :now, updated_at = :now
				WHERE id IN (SELECT id FROM auth.refresh_tokens WHERE family_id = :family AND revoked_at IS NULL
				             ORDER BY id FOR UPDATE)
				RETURNING family_id""")
			.param("now", utc(now)).param("family", familyId)
			.query(UUID.class).list().stream().distinct().toList();
	}

	/**
	 * Revokes the user's tokens issued up to {@code issuedUpTo} (later logins are left alone);
	 * returns the ids of the families that had any.
	 */
	public List<UUID> revokeAllOfUser(UUID userId, Instant issuedUpTo, Instant now) {
		return jdbc.sql("""
				UPDATE auth.refresh_tokens SET revoked_at = :now, updated_at = :now
				WHERE id IN (SELECT id FROM auth.refresh_tokens
				             WHERE user_id = :user AND revoked_at IS NULL AND created_at <= :upTo
				             ORDER BY id FOR UPDATE)
				RETURNING family_id""")
			.param("now", utc(now)).param("user", userId).param("upTo", utc(issuedUpTo))
			.query(UUID.class).list().stream().distinct().toList();
	}

	public long countLive(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM auth.refresh_tokens WHERE user_id = :user AND revoked_at IS NULL AND used_at IS NULL")
			.param("user", userId).query(Long.class).single();
	}

	private static RefreshToken token(ResultSet rs) throws SQLException {
		return new RefreshToken(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
				rs.getObject("user_id", UUID.class), instant(rs, "expires_at"), instant(rs, "used_at"),
				instant(rs, "revoked_at"), instant(rs, "created_at"));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/**
	 * Deletes up to {@code batch} tokens of sessions that ended more than {@code keep} ago: a family
	 * shares one absolute expiry and is revoked as a whole, so an expired or revoked row belongs to a
	 * family none of whose tokens can be exchanged any more — reuse detection needs the used tokens of
	 * live families only, and those are kept. One short statement; rows in use are skipped.
	 */
	public int deleteEndedBefore(Duration keep, int batch) {
		return jdbc.sql("""
				DELETE FROM auth.refresh_tokens WHERE id IN (
				  SELECT id FROM auth.refresh_tokens
				  WHERE expires_at < now() - make_interval(secs => :keep)
				     OR revoked_at < now() - make_interval(secs => :keep)
				  LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.param("keep", keep.toSeconds())
			.param("batch", batch)
			.update();
	}
}
