package dev.orderly.users;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * An administrator changed the roles of a user; carries the new set.
 */
@NamedInterface("events")
public record UserRolesChanged(UUID userId, Set<String> roles, Instant changedAt) {
}
