package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;


/**
 * A new account was created. Carries what a welcome email needs.
 */
public record UserRegistered(UUID userId, String email, String displayName, String locale, Instant registeredAt) {
}
