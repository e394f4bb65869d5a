package dev.orderly.audit.domain;

/** Only administrators read the audit trail ({@code AuditPolicy}). */
public final class ActionNotAllowed extends AuditException {

	public ActionNotAllowed(String action) {
		super("This actor may not " + action);
	}
}
