package dev.orderly.users;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The account was soft-deleted: its email is free again, and no further email may be sent to it.
 */
@NamedInterface("events")
public record UserDeleted(UUID userId, Instant deletedAt) {
}
