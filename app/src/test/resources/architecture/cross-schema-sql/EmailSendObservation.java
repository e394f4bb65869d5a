// Fixture for ArchitectureRulesTests (not compiled): the composition root's email span as it was before ADR 0033,
// reading the notifications module's table itself.
package dev.orderly;

import java.lang.reflect.Method;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.MDC;

import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The email span ({@code orderly.email.send}, also a timer): an observation around
 * {@link JavaMailSender#send(MimeMessage)} on the application's mail sender, wrapped from the
 * outside. Emails are sent by the dispatcher from outbox rows, long after the request that caused
 * them; the row keeps the W3C {@code traceparent} of the listener that recorded it, found here by
 * the email's {@code Message-ID} ({@code <notification id@domain>}) and made current while the
 * observation starts, so the email span is a child of the listener's span, in the request's trace
 * (and sampled as it was). Without a stored trace context (tracing was off, or a row recorded
 * before it existed) the span starts a trace of its own.
 * <p>
 * Reading the column is one primary-key lookup per email, only for the trace context; the
 * notifications module owns the table (docs/adr/0023).
 */
final class EmailSendObservation implements MethodInterceptor {

	static final String NAME = "orderly.email.send";

	private static final String MODULE = "notifications";

	private final ObjectProvider<ObservationRegistry> registry;

	private final ObjectProvider<JdbcClient> jdbc;

	EmailSendObservation(ObjectProvider<ObservationRegistry> registry, ObjectProvider<JdbcClient> jdbc) {
		this.registry = registry;
		this.jdbc = jdbc;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		ObservationRegistry observations = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
		if (observations.isNoop()) {
			return invocation.proceed();
		}
		Object argument = invocation.getArguments()[0];
		MimeMessage message = argument instanceof MimeMessage single ? single
				: argument instanceof MimeMessage[] many && many.length > 0 ? many[0] : null;
		Observation observation = Observation.createNotStarted(NAME, observations)
			.contextualName(MODULE + " email send")
			.lowCardinalityKeyValue(Modules.KEY, MODULE);
		String outer = MDC.get(Modules.MDC_KEY);
		MDC.put(Modules.MDC_KEY, MODULE);
		// The stored trace context is current while the observation starts: the email span is its child.
		try (Scope parent = remoteParent(traceparentOf(message)).makeCurrent()) {
			return observation.observeChecked(invocation::proceed);
		}
		finally {
			if (outer == null) {
				MDC.remove(Modules.MDC_KEY);
			}
			else {
				MDC.put(Modules.MDC_KEY, outer);
			}
		}
	}

	private String traceparentOf(MimeMessage message) {
		UUID notification = notificationId(message);
		JdbcClient client = jdbc.getIfAvailable();
		if (notification == null || client == null) {
			return null;
		}
		try {
			return client.sql("SELECT traceparent FROM notifications.notifications WHERE id = :id")
				.param("id", notification)
				.query(String.class)
				.optional()
				.orElse(null);
		}
		catch (DataAccessException ex) {
			return null; // the dispatcher meets the same outage and handles it; the span just has no parent
		}
	}

	/** The context of a stored W3C {@code traceparent} ({@code 00-trace-span-flags}), or the root context. */
	static Context remoteParent(String traceparent) {
		String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
		if (parts.length != 4 || !parts[0].equals("00") || parts[3].length() != 2) {
			return Context.root();
		}
		SpanContext parent = SpanContext.createFromRemoteParent(parts[1], parts[2],
				TraceFlags.fromHex(parts[3], 0), TraceState.getDefault());
		return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
	}

	/** The notification id in {@code Message-ID: <id@domain>}, if it is one. */
	static UUID notificationId(MimeMessage message) {
		try {
			String id = message == null ? null : message.getHeader("Message-ID", null);
			if (id == null || !id.startsWith("<") || id.indexOf('@') < 2) {
				return null;
			}
			return UUID.fromString(id.substring(1, id.indexOf('@')));
		}
		catch (MessagingException | IllegalArgumentException ex) {
			return null;
		}
	}

	/** {@code send(MimeMessage)} and {@code send(MimeMessage...)} of a {@link JavaMailSender}. */
	static final class SendMethods extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return JavaMailSender.class.isAssignableFrom(targetClass) && method.getName().equals("send")
					&& method.getParameterCount() == 1
					&& (method.getParameterTypes()[0] == MimeMessage.class
							|| method.getParameterTypes()[0] == MimeMessage[].class);
		}
	}
}
