package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * The account was soft-deleted: its email is free again, and no further email may be sent to it.
 */
@DomainEvent
@EventVersion(1)
public record UserDeleted(UUID userId, Instant deletedAt) {
}
