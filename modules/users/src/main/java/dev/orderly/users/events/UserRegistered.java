package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * A new account was created. Carries what a welcome email needs.
 */
@DomainEvent
public record UserRegistered(UUID userId, String email, String displayName, String locale, Instant registeredAt) {
}
