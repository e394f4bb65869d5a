package dev.orderly.users;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The password was changed (by the user, or through a password reset). Never carries a password or hash.
 */
@NamedInterface("events")
public record PasswordChanged(UUID userId, String email, String displayName, Instant changedAt) {
}
