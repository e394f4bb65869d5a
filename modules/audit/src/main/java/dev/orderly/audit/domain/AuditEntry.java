package dev.orderly.audit.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One action as the audit trail keeps it, before it is stored.
 *
 * @param eventKey the identity of the event it comes from (its type and natural key): a redelivered
 *        event has the same key and is not recorded again
 * @param actorId who acted; {@code null} for the system, or when nobody authenticated acted
 * @param targetId the user id or sku acted on
 * @param before the state before, where it applies; {@code null} otherwise
 * @param after the state after, where it applies; {@code null} otherwise
 * @param requestId the {@code X-Request-Id} of the request that acted; {@code null} outside a request
 * @param occurredAt when the action happened (the event's time)
 */
public record AuditEntry(String eventKey, AuditAction action, UUID actorId, String targetId,
		Map<String, String> before, Map<String, String> after, String requestId, Instant occurredAt) {

	public AuditEntry {
		Objects.requireNonNull(eventKey, "eventKey");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(targetId, "targetId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		before = before == null ? null : Map.copyOf(before);
		after = after == null ? null : Map.copyOf(after);
	}
}
