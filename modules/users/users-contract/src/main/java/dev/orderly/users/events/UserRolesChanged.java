package dev.orderly.users.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.jspecify.annotations.Nullable;

import dev.orderly.platform.contract.EventVersion;

/**
 * An administrator changed the roles of a user; carries the new set and, since the audit trail
 * (docs/adr/0039), the previous set, who changed it and in which request. The three later components
 * are optional (an additive change of version 1): a producer of an earlier release leaves them out.
 *
 * @param previousRoles the roles before the change; {@code null} when not known
 * @param actorId the administrator who changed them; {@code null} for the system or when not known
 * @param requestId the {@code X-Request-Id} of the request that changed them; {@code null} outside a request
 */
@DomainEvent
@EventVersion(1)
public record UserRolesChanged(UUID userId, Set<String> roles, Instant changedAt, @Nullable Set<String> previousRoles,
		@Nullable UUID actorId, @Nullable String requestId) {

	/** A change whose previous roles, actor and request are not known. */
	public UserRolesChanged(UUID userId, Set<String> roles, Instant changedAt) {
		this(userId, roles, changedAt, null, null, null);
	}
}
