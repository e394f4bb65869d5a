package dev.orderly.platform.paging;

/**
 * A {@code ?cursor=} token that was not made by us (or was tampered with). The web edge answers it
 * with 400 {@code VALIDATION_ERROR} for the field {@code cursor}.
 */
public class InvalidCursor extends IllegalArgumentException {

	public InvalidCursor() {
		super("The cursor is not valid; use meta.nextCursor of a previous page", null);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}
}
