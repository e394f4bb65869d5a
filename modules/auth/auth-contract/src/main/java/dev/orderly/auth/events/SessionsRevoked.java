package dev.orderly.auth.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * Sessions of a user ended — logout, reuse of a refresh token, password or role change, account
 * deletion — so every access token naming one of them (claim {@code sid}) must be refused from now on,
 * on every instance. Instances without auth's tables (the notifications deployable in split mode)
 * keep the ids for as long as an access token of theirs may live.
 */
@DomainEvent
@EventVersion(1)
public record SessionsRevoked(UUID userId, List<UUID> sessionIds, Instant revokedAt) {
}
