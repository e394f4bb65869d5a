package dev.orderly.users.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * An administrator changed the roles of a user; carries the new set.
 */
@DomainEvent
@EventVersion(1)
public record UserRolesChanged(UUID userId, Set<String> roles, Instant changedAt) {
}
