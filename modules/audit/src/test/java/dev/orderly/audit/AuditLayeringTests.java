package dev.orderly.audit;

import dev.orderly.platform.test.ModuleRooms;

/** The rooms inside the audit module (ADR 0030), checked on its own code in its own build. */
class AuditLayeringTests extends ModuleRooms {

	AuditLayeringTests() {
		super("dev.orderly.audit");
	}
}
