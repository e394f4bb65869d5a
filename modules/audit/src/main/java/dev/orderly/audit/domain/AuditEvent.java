package dev.orderly.audit.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A recorded audit entry, as administrators read it: never changed after it was recorded.
 *
 * @param recordedAt when the audit trail recorded it (after the action's transaction committed)
 */
public record AuditEvent(UUID id, String action, UUID actorId, String targetType, String targetId,
		Map<String, String> before, Map<String, String> after, String requestId, Instant occurredAt,
		Instant recordedAt) {
}
