package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * The user proved they own their email address.
 */
@DomainEvent
@EventVersion(1)
public record UserEmailVerified(UUID userId, String email, Instant verifiedAt) {
}
