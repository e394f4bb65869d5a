package dev.orderly.users;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * A new account was created. Carries what a welcome email needs.
 */
@NamedInterface("events")
public record UserRegistered(UUID userId, String email, String displayName, String locale, Instant registeredAt) {
}
