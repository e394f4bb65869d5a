package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;


/**
 * Profile fields changed; carries the current values.
 */
public record UserProfileUpdated(UUID userId, String email, String displayName, String phone, String locale, Instant updatedAt) {
}
