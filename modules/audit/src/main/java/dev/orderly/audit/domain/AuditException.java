package dev.orderly.audit.domain;

/**
 * An outcome of an audit use case that the caller can act on, in business terms and without HTTP
 * ({@code AuditErrorMapping} gives each its status and error code). Sealed, so that the mapping names
 * every one of them.
 */
public abstract sealed class AuditException extends RuntimeException permits InvalidAuditQuery, ActionNotAllowed {

	AuditException(String message) {
		super(message, null, false, false);
	}
}
