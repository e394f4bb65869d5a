package dev.orderly.users.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;


/**
 * An administrator changed the roles of a user; carries the new set.
 */
public record UserRolesChanged(UUID userId, Set<String> roles, Instant changedAt) {
}
