package dev.orderly.users;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * An email verification token was issued (on registration or resend). The token is single-use and expires; consumers deliver it and must not keep it.
 */
@NamedInterface("events")
public record EmailVerificationRequested(UUID userId, String email, String displayName, String token, Instant expiresAt) {
}
