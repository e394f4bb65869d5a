package dev.orderly.platform;

import org.slf4j.MDC;

/**
 * The request a use case serves, as far as a use case may know it: its id, for events that name the
 * request they come from (the audit trail, docs/adr/0039). No HTTP: the platform's request-id filter
 * puts the id in the logging context for the request's thread, and this reads it there.
 */
public final class CurrentRequest {

	/** The MDC key of the request id; structured logs carry it on every line. */
	public static final String ID_KEY = "requestId";

	private CurrentRequest() {
	}

	/** The {@code X-Request-Id} of the request this thread serves; {@code null} outside a request. */
	public static String id() {
		return MDC.get(ID_KEY);
	}
}
