package dev.orderly.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C {@code traceparent} of the span current on this thread, for work that is stored now and
 * done later by another thread (an outbox row): whoever picks it up continues the trace of the
 * request that caused it (docs/adr/0023). {@code null} when no trace is current (tracing off, module
 * tests, a thread outside any request or listener).
 */
public final class TraceParents {

	private TraceParents() {
	}

	/** {@code 00-<trace id>-<span id>-<flags>} of the current span, or {@code null}. */
	public static String current() {
		SpanContext context = Span.current().getSpanContext();
		if (!context.isValid()) {
			return null;
		}
		return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
	}
}
