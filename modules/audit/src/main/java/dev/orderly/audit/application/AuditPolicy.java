package dev.orderly.audit.application;

import dev.orderly.audit.domain.ActionNotAllowed;
import dev.orderly.platform.Actor;

/** Who may do what with the audit trail: administrators read it; nobody changes it. */
final class AuditPolicy {

	private AuditPolicy() {
	}

	static void requireMayRead(Actor actor) {
		if (!actor.isAdmin()) {
			throw new ActionNotAllowed("read the audit trail");
		}
	}
}
