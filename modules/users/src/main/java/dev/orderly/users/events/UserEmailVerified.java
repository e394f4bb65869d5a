package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * The user proved they own their email address.
 */
@DomainEvent
public record UserEmailVerified(UUID userId, String email, Instant verifiedAt) {
}
