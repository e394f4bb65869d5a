package dev.orderly.auth.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.jspecify.annotations.Nullable;

import dev.orderly.platform.contract.EventVersion;

/**
 * A refresh token that had already been exchanged was presented again (RFC 9700 §4.14.2): someone
 * holds a copy, so the whole session (token family) was revoked. Whoever presented it is not
 * authenticated, so the event names no actor: the session's user is its target. Published for the
 * audit trail (docs/adr/0039), besides {@code SessionsRevoked}.
 *
 * @param requestId the {@code X-Request-Id} of the refresh request; {@code null} outside a request
 */
@DomainEvent
@EventVersion(1)
public record RefreshTokenReused(UUID userId, UUID sessionId, @Nullable String requestId, Instant detectedAt) {
}
