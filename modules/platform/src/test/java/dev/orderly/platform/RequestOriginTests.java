package dev.orderly.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class RequestOriginTests {

	static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void capturesTheCurrentSpanAndRequestId() {
		SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		MDC.put("requestId", "req-1");
		try (Scope scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
			assertThat(RequestOrigin.current()).isEqualTo(new RequestOrigin(TRACEPARENT, "req-1"));
		}
		MDC.clear();
		assertThat(RequestOrigin.current()).isEqualTo(RequestOrigin.NONE);
	}

	@Test
	void resumesTheOriginOnAnotherThreadAndRestoresWhatWasThere() {
		MDC.put("requestId", "the-dispatchers-own");
		try (RequestOrigin.Resumed resumed = new RequestOrigin(TRACEPARENT, "req-1").resume("notifications")) {
			assertThat(TraceParents.current()).isEqualTo(TRACEPARENT);
			assertThat(MDC.get("requestId")).isEqualTo("req-1");
			assertThat(MDC.get(Modules.MDC_KEY)).isEqualTo("notifications");
		}
		assertThat(TraceParents.current()).isNull();
		assertThat(MDC.get("requestId")).isEqualTo("the-dispatchers-own");
		assertThat(MDC.get(Modules.MDC_KEY)).isNull();
	}

	@Test
	void resumingNoOriginLeavesNoTraceOrRequestId() {
		MDC.put("requestId", "stale");
		try (RequestOrigin.Resumed resumed = RequestOrigin.NONE.resume("notifications")) {
			assertThat(TraceParents.current()).isNull();
			assertThat(MDC.get("requestId")).isNull();
		}
		assertThat(MDC.get("requestId")).isEqualTo("stale");
	}
}
