package dev.orderly.users;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The user proved they own their email address.
 */
@NamedInterface("events")
public record UserEmailVerified(UUID userId, String email, Instant verifiedAt) {
}
