package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * The account was soft-deleted: its email is free again, and no further email may be sent to it.
 */
@DomainEvent
public record UserDeleted(UUID userId, Instant deletedAt) {
}
