package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * The application created the first administrator at start-up from {@code ORDERLY_ADMIN_EMAIL} /
 * {@code ORDERLY_ADMIN_PASSWORD} because none existed. The actor is the system (no user, no request);
 * published besides {@code UserRegistered} of the same account, for the audit trail (docs/adr/0039).
 */
@DomainEvent
@EventVersion(1)
public record FirstAdministratorCreated(UUID userId, Instant createdAt) {
}
