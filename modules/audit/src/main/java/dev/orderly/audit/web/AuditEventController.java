package dev.orderly.audit.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.audit.application.AuditTrail;
import dev.orderly.audit.domain.AuditEvent;
import dev.orderly.audit.domain.AuditQuery;
import dev.orderly.audit.web.AuditResponses.AuditEventView;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.web.PageLimit;

/**
 * {@code /api/v1/audit-events}: administrators read the audit trail. Read only: there is no way to
 * change or delete an entry over the API (any other method is 405). HTTP only: {@link AuditTrail}
 * decides, failures are answered by {@link AuditErrorMapping}.
 */
@RestController
@Tag(name = "audit")
@RequestMapping("/api/v1/audit-events")
class AuditEventController {

	private final AuditTrail trail;

	AuditEventController(AuditTrail trail) {
		this.trail = trail;
	}

	@Operation(operationId = "listAuditEvents", summary = "List audit events",
			description = "Administrators: the security-relevant and administrative actions (role changes, account deletions, the first administrator's creation, price-list changes, reuse of a refresh token), newest first, one keyset page at a time (limit, cursor from meta.nextCursor), optionally filtered by actor, target, action and time. A filter that is not valid is 400 VALIDATION_ERROR naming it; everyone else is 403.")
	@GetMapping
	ApiResponse<List<AuditEventView>> list(CurrentUser caller,
			@Parameter(description = "Only actions of this user") @RequestParam(required = false) UUID actorId,
			@Parameter(description = "Only actions on this user id or sku") @RequestParam(required = false) String target,
			@Parameter(description = "Only this action: user.roles_changed, user.deleted, user.first_admin_created, product.created, product.changed or auth.refresh_token_reused") @RequestParam(required = false) String action,
			@Parameter(description = "Only actions at or after this time (ISO-8601)") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@Parameter(description = "Only actions before this time (ISO-8601)") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		int size = PageLimit.of(limit);
		AuditQuery query = AuditQuery.of(actorId, target, action, from, to);
		List<AuditEvent> rows = trail.search(caller.actor(), query, Cursor.decode(cursor), size);
		return ApiResponse.page(rows, size, row -> new Cursor(row.occurredAt(), row.id()), AuditEventView::of);
	}
}
