package dev.orderly.notifications.application;

import java.lang.reflect.Method;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.MDC;

import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.function.SingletonSupplier;

import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.platform.Modules;
import dev.orderly.platform.TraceParents;

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
 * The {@link EmailDispatcher} has made that context current already (it resumes the email's
 * {@code RequestOrigin}, so that its own lines carry the request's trace id too); the column is read
 * ({@link Notifications#traceparentOf}, one primary-key lookup) only for a send that comes without one. The module whose dispatcher sends the email and whose table holds the
 * trace context observes it (ADR 0033; it was in the composition root, ADR 0023).
 */
public final class EmailSendObservation implements MethodInterceptor {

	static final String NAME = "orderly.email.send";

	private static final String MODULE = "notifications";

	/**
	 * Resolved at the first send, not per send (a bean lookup cost 2 % of the CPU of the order
	 * scenario's profile), and not at construction: the interceptor is made before the registry.
	 */
	private final SingletonSupplier<ObservationRegistry> registry;

	private final ObjectProvider<Notifications> notifications;

	public EmailSendObservation(ObjectProvider<ObservationRegistry> registry, ObjectProvider<Notifications> notifications) {
		this.registry = SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		this.notifications = notifications;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		ObservationRegistry observations = registry.obtain();
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
		// The dispatcher has resumed it already (RequestOrigin); the row is read only for a send outside.
		Context parent = Span.current().getSpanContext().isValid() ? Context.current()
				: TraceParents.asParent(traceparentOf(message));
		try (Scope scope = parent.makeCurrent()) {
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
		Notifications table = notifications.getIfAvailable();
		if (notification == null || table == null) {
			return null;
		}
		try {
			return table.traceparentOf(notification).orElse(null);
		}
		catch (DataAccessException ex) {
			return null; // the dispatcher meets the same outage and handles it; the span just has no parent
		}
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
	public static final class SendMethods extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return JavaMailSender.class.isAssignableFrom(targetClass) && method.getName().equals("send")
					&& method.getParameterCount() == 1
					&& (method.getParameterTypes()[0] == MimeMessage.class
							|| method.getParameterTypes()[0] == MimeMessage[].class);
		}
	}
}
