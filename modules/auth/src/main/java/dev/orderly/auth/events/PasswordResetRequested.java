package dev.orderly.auth.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * A password reset was requested for an existing, active account. The token is single-use and expires after 30 minutes; consumers deliver it and must not keep it.
 */
@DomainEvent
public record PasswordResetRequested(UUID userId, String email, String displayName, String token, Instant expiresAt) {
}
