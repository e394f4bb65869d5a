package dev.orderly.audit.application;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.orderly.audit.domain.AuditAction;
import dev.orderly.audit.domain.AuditEntry;
import dev.orderly.auth.events.RefreshTokenReused;
import dev.orderly.orders.events.PriceListChanged;
import dev.orderly.users.events.FirstAdministratorCreated;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRolesChanged;

/**
 * The published events the audit trail records, one entry each. Every listener runs after the
 * producer's commit in a transaction of its own ({@link ApplicationModuleListener}); delivery is at
 * least once, so each entry carries the event's identity ({@code type:naturalKey}, e.g.
 * {@code users.UserRolesChanged:<userId>:<changedAt>}) and a redelivered event records nothing.
 */
@Component
class AuditedEvents {

	private final AuditTrail trail;

	AuditedEvents(AuditTrail trail) {
		this.trail = trail;
	}

	@ApplicationModuleListener
	void on(UserRolesChanged event) {
		trail.record(new AuditEntry("users.UserRolesChanged:" + event.userId() + ":" + event.changedAt(),
				AuditAction.USER_ROLES_CHANGED, event.actorId(), event.userId().toString(),
				event.previousRoles() == null ? null : roles(event.previousRoles()), roles(event.roles()),
				event.requestId(), event.changedAt()));
	}

	@ApplicationModuleListener
	void on(UserDeleted event) {
		trail.record(new AuditEntry("users.UserDeleted:" + event.userId() + ":" + event.deletedAt(),
				AuditAction.USER_DELETED, event.actorId(), event.userId().toString(), null, null, event.requestId(),
				event.deletedAt()));
	}

	@ApplicationModuleListener
	void on(FirstAdministratorCreated event) {
		trail.record(new AuditEntry("users.FirstAdministratorCreated:" + event.userId(), AuditAction.FIRST_ADMIN_CREATED,
				null, event.userId().toString(), null, Map.of("roles", "ADMIN,USER"), null, event.createdAt()));
	}

	@ApplicationModuleListener
	void on(PriceListChanged event) {
		AuditAction action = event.before() == null ? AuditAction.PRODUCT_CREATED : AuditAction.PRODUCT_CHANGED;
		trail.record(new AuditEntry("orders.PriceListChanged:" + event.sku() + ":" + event.changedAt(), action,
				event.actorId(), event.sku(), product(event.before()), product(event.after()), event.requestId(),
				event.changedAt()));
	}

	@ApplicationModuleListener
	void on(RefreshTokenReused event) {
		trail.record(new AuditEntry("auth.RefreshTokenReused:" + event.sessionId() + ":" + event.detectedAt(),
				AuditAction.REFRESH_TOKEN_REUSED, null, event.userId().toString(), null,
				Map.of("sessionId", event.sessionId().toString(), "session", "revoked"), event.requestId(),
				event.detectedAt()));
	}

	/** Roles as one sorted, comma-separated value: the same text for the same set. */
	private static Map<String, String> roles(Set<String> roles) {
		return Map.of("roles", String.join(",", new TreeSet<>(roles)));
	}

	private static Map<String, String> product(PriceListChanged.Entry entry) {
		if (entry == null) {
			return null;
		}
		Map<String, String> state = new LinkedHashMap<>();
		state.put("name", entry.name());
		state.put("unitPrice", Long.toString(entry.unitPrice()));
		state.put("currency", entry.currency());
		state.put("active", Boolean.toString(entry.active()));
		return state;
	}
}
