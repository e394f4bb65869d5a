package dev.orderly.users;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * Profile fields changed; carries the current values.
 */
@NamedInterface("events")
public record UserProfileUpdated(UUID userId, String email, String displayName, String phone, String locale, Instant updatedAt) {
}
