package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;


/**
 * The user proved they own their email address.
 */
public record UserEmailVerified(UUID userId, String email, Instant verifiedAt) {
}
