package dev.orderly.audit.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.orderly.audit.domain.AuditEvent;

/** The response bodies of the audit trail API. */
final class AuditResponses {

	private AuditResponses() {
	}

	/** One recorded action. {@code before} and {@code after} are flat objects of text values. */
	@Schema(name = "AuditEventView")
	record AuditEventView(UUID id,
			@Schema(maxLength = 64, description = "What was done, e.g. user.roles_changed") String action,
			@Schema(nullable = true, description = "The user who acted; null for the system, or when nobody authenticated acted (a reused refresh token)") UUID actorId,
			@Schema(maxLength = 32, allowableValues = { "user", "product" }) String targetType,
			@Schema(maxLength = 64, description = "The user id or sku acted on") String targetId,
			@Schema(nullable = true, description = "The state before the action, where it applies") Map<String, String> before,
			@Schema(nullable = true, description = "The state after the action, where it applies") Map<String, String> after,
			@Schema(nullable = true, maxLength = 64, description = "The X-Request-Id of the request that acted") String requestId,
			@Schema(description = "When the action happened") Instant occurredAt,
			@Schema(description = "When the audit trail recorded it") Instant recordedAt) {

		static AuditEventView of(AuditEvent e) {
			return new AuditEventView(e.id(), e.action(), e.actorId(), e.targetType(), e.targetId(), e.before(),
					e.after(), e.requestId(), e.occurredAt(), e.recordedAt());
		}
	}
}
