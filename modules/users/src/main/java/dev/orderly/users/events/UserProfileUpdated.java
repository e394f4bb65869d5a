package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * Profile fields changed; carries the current values.
 */
@DomainEvent
public record UserProfileUpdated(UUID userId, String email, String displayName, String phone, String locale, Instant updatedAt) {
}
