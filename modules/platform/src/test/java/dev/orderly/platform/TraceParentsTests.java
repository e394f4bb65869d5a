package dev.orderly.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentsTests {

	@Test
	void noTraceParentOutsideASpan() {
		assertThat(TraceParents.current()).isNull();
	}

	@Test
	void theW3cTraceParentOfTheCurrentSpan() {
		SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		try (Scope scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
			assertThat(TraceParents.current()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		}
		assertThat(TraceParents.current()).isNull();
	}

	@Test
	void aStoredTraceParentBecomesTheRemoteParentOfWhatStartsInItsContext() {
		String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

		SpanContext parent = Span.fromContext(TraceParents.asParent(stored)).getSpanContext();

		assertThat(parent.isRemote()).isTrue();
		assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(parent.isSampled()).isTrue();
		try (Scope scope = TraceParents.asParent(stored).makeCurrent()) {
			assertThat(TraceParents.current()).isEqualTo(stored);
		}
	}

	@Test
	void noParentFromAMissingOrMalformedTraceParent() {
		for (String stored : new String[] { null, "", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
				"00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7" }) {
			assertThat(TraceParents.asParent(stored)).as(String.valueOf(stored)).isSameAs(Context.root());
		}
	}
}
