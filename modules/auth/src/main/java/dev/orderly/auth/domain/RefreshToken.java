package dev.orderly.auth.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.orderly.platform.Ids;

/**
 * One refresh token of a family (RFC 9700 §4.14.2). A login starts a family; each refresh uses the
 * presented token and issues its successor in the same family with the same absolute expiry. A
 * used token presented again means it was stolen (or replayed): the whole family is revoked.
 */
public record RefreshToken(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant usedAt, Instant revokedAt,
		Instant createdAt) {

	public enum Status {
		/** may be exchanged, once */
		ACTIVE,
		/** already exchanged: presenting it again is reuse */
		USED,
		/** the family was revoked (logout, reuse, password or role change, deletion) */
		REVOKED,
		/** the family's absolute lifetime is over */
		EXPIRED
	}

	public static RefreshToken startFamily(UUID userId, Instant now, Duration lifetime) {
		return new RefreshToken(Ids.next(), Ids.next(), userId, now.plus(lifetime), null, null, now);
	}

	public Status status(Instant now) {
		if (revokedAt != null) {
			return Status.REVOKED;
		}
		if (usedAt != null) {
			return Status.USED;
		}
		if (!now.isBefore(expiresAt)) {
			return Status.EXPIRED;
		}
		return Status.ACTIVE;
	}

	/** The next token of the family: same family, same absolute expiry. */
	public RefreshToken successor(Instant now) {
		if (status(now) != Status.ACTIVE) {
			throw new IllegalStateException("Only an active refresh token has a successor");
		}
		return new RefreshToken(Ids.next(), familyId, userId, expiresAt, null, null, now);
	}
}
