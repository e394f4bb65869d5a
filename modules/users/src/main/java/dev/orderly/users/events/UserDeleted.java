package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;


/**
 * The account was soft-deleted: its email is free again, and no further email may be sent to it.
 */
public record UserDeleted(UUID userId, Instant deletedAt) {
}
