package dev.orderly.audit.domain;

/** A filter of the audit trail that cannot be applied: names the parameter and the issue. */
public final class InvalidAuditQuery extends AuditException {

	private final String field;

	private final String issue;

	public InvalidAuditQuery(String field, String issue, String message) {
		super(message);
		this.field = field;
		this.issue = issue;
	}

	public String field() {
		return field;
	}

	public String issue() {
		return issue;
	}
}
