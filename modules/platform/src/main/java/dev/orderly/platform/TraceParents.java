package dev.orderly.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

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

	/**
	 * The context whose span is the stored {@code traceparent} ({@code 00-trace-span-flags}), to make
	 * current while the work it stands for starts; the root context when there is none or it is not
	 * one.
	 */
	public static Context asParent(String traceparent) {
		String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
		if (parts.length != 4 || !parts[0].equals("00") || parts[3].length() != 2) {
			return Context.root();
		}
		SpanContext parent = SpanContext.createFromRemoteParent(parts[1], parts[2],
				TraceFlags.fromHex(parts[3], 0), TraceState.getDefault());
		return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
	}
}
