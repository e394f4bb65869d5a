package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.jspecify.annotations.Nullable;

import dev.orderly.platform.contract.EventVersion;

/**
 * The account was soft-deleted: its email is free again, and no further email may be sent to it.
 * Since the audit trail (docs/adr/0039) it names who deleted it and in which request (optional, an
 * additive change of version 1).
 *
 * @param actorId the user who deleted it (the account's owner or an administrator); {@code null} for
 *        the system or when not known
 * @param requestId the {@code X-Request-Id} of the request; {@code null} outside a request
 */
@DomainEvent
@EventVersion(1)
public record UserDeleted(UUID userId, Instant deletedAt, @Nullable UUID actorId, @Nullable String requestId) {

	/** A deletion whose actor and request are not known. */
	public UserDeleted(UUID userId, Instant deletedAt) {
		this(userId, deletedAt, null, null);
	}
}
