package dev.orderly.users.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * An administrator changed the roles of a user; carries the new set.
 */
@DomainEvent
public record UserRolesChanged(UUID userId, Set<String> roles, Instant changedAt) {
}
