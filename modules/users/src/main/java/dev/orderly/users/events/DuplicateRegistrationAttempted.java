package dev.orderly.users.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * Someone tried to register with the email address of an existing account. Registration answers
 * exactly as for a new address (so it does not reveal which addresses have accounts); this event
 * lets the address's owner learn of the attempt by email instead. Carries no password.
 */
@DomainEvent
public record DuplicateRegistrationAttempted(UUID userId, String email, String displayName, String locale,
		Instant attemptedAt) {
}
