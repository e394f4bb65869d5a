package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import dev.orderly.platform.contract.EventVersion;

/**
 * The user proved they own their email address.
 */
@EventVersion(1)
public record UserEmailVerified(UUID userId, String email, Instant verifiedAt) {
}
