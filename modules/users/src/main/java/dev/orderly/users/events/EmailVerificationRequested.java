package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * An email verification token was issued (on registration or resend). The token is single-use and expires; consumers deliver it and must not keep it.
 */
@DomainEvent
public record EmailVerificationRequested(UUID userId, String email, String displayName, String token, Instant expiresAt) {
}
