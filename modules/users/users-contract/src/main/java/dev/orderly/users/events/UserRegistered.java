package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * A new account was created. Carries what a welcome email needs.
 */
@DomainEvent
@EventVersion(1)
public record UserRegistered(UUID userId, String email, String displayName, String locale, Instant registeredAt) {
}
