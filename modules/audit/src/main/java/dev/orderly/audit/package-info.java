/**
 * Audit: the append-only trail of security-relevant and administrative actions — role changes,
 * account deletions, the first administrator's creation, price-list changes, reuse of a refresh
 * token — with actor, target, action, before and after, request id and time, for administrators to
 * query at {@code GET /api/v1/audit-events} (ADR 0039).
 * <p>
 * Fed only by the events the other modules publish in their contract artifacts
 * ({@code users :: events}, {@code auth :: events}, {@code orders :: events}); nothing of them knows
 * it exists, and it reads none of their tables.
 * <ul>
 * <li>{@code web}: {@code /api/v1/audit-events} for administrators (keyset pages, filters by actor,
 * target, action and time; read only) and {@code AuditErrorMapping}, where the module's exceptions
 * become the error envelope.</li>
 * <li>{@code application}: {@code AuditedEvents}, the listeners that turn each event into one
 * {@code AuditEntry} (a redelivered event records nothing twice), and {@code AuditTrail}, the use
 * cases (record, search, retention) that ask {@code AuditPolicy} first.</li>
 * <li>{@code domain}: the entries, the actions, the query and its validation, the exception family.</li>
 * <li>{@code persistence}: {@code AuditEvents}, the SQL of the table {@code audit.events} (append-only:
 * a trigger refuses updates; only the retention job deletes).</li>
 * </ul>
 */
@ApplicationModule(displayName = "Audit",
		allowedDependencies = { "platform", "users :: events", "auth :: events", "orders :: events" })
package dev.orderly.audit;

import org.springframework.modulith.ApplicationModule;
