package dev.orderly.platform;

import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

import dev.orderly.platform.web.RequestIds;

/**
 * Where work that is stored now and done later by another thread (an outbox row) came from: the W3C
 * {@code traceparent} of the span current when it was stored and the id of the request that caused
 * it. Whoever does the work {@linkplain #resume(String) resumes} it, so that its log lines carry the
 * request's trace id and request id, and its spans continue the request's trace (docs/adr/0023,
 * docs/adr/0035). Either part may be {@code null} (tracing off, work caused by no request).
 */
public record RequestOrigin(String traceparent, String requestId) {

	/** Work that came from nowhere known. */
	public static final RequestOrigin NONE = new RequestOrigin(null, null);

	/** The origin of work stored on this thread now: the current span and request id. */
	public static RequestOrigin current() {
		return new RequestOrigin(TraceParents.current(), MDC.get(RequestIds.MDC_KEY));
	}

	/**
	 * Makes this origin current on this thread until the returned scope is closed: its span is the
	 * parent of the spans started meanwhile and the trace and span id of the log lines (the tracing
	 * bridge keeps the MDC in step with the current context), its request id and {@code module} are in
	 * the MDC. Closing restores what was there before.
	 */
	public Resumed resume(String module) {
		String outerRequest = MDC.get(RequestIds.MDC_KEY);
		String outerModule = MDC.get(Modules.MDC_KEY);
		Scope trace = TraceParents.asParent(traceparent).makeCurrent();
		put(RequestIds.MDC_KEY, requestId);
		put(Modules.MDC_KEY, module);
		return () -> {
			trace.close();
			put(RequestIds.MDC_KEY, outerRequest);
			put(Modules.MDC_KEY, outerModule);
		};
	}

	private static void put(String key, String value) {
		if (value == null) {
			MDC.remove(key);
		}
		else {
			MDC.put(key, value);
		}
	}

	/** The scope of a resumed origin; closing it ends the resumption. */
	@FunctionalInterface
	public interface Resumed extends AutoCloseable {

		@Override
		void close();
	}
}
