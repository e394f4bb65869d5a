package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * Profile fields changed; carries the current values.
 */
@DomainEvent
@EventVersion(1)
public record UserProfileUpdated(UUID userId, String email, String displayName, String phone, String locale, Instant updatedAt) {
}
