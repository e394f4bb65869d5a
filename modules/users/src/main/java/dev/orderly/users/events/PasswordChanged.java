package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * The password was changed (by the user, or through a password reset). Never carries a password or hash.
 */
@DomainEvent
public record PasswordChanged(UUID userId, String email, String displayName, Instant changedAt) {
}
