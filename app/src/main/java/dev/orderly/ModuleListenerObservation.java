package dev.orderly;

import java.lang.reflect.Method;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import dev.orderly.platform.Modules;

/**
 * An observation ({@code orderly.module.listener}: a span, and a timer of the same name) around every
 * entry point of a module that is not an HTTP request: the event listeners of the modules
 * ({@code @ApplicationModuleListener}, {@code @TransactionalEventListener}, {@code @EventListener}
 * methods taking one of Orderly's events) and the {@code accept} method of a module's
 * {@code *Intake} (events that arrive from a broker; when a listener delegates to its intake, the
 * listener's span is the only one). Instrumented from the outside, so the modules
 * stay free of observability code.
 * <p>
 * It runs on the listener's thread, inside {@code @Async} and outside the listener's transaction:
 * the thread hop carries the request's observation ({@code ContextPropagatingTaskDecorator}), so
 * the listener's span is a child of the request's, and its log lines carry the request's trace id,
 * the request id and the module ({@code module} in the MDC).
 */
final class ModuleListenerObservation implements MethodInterceptor {

	static final String NAME = "orderly.module.listener";

	private static final Logger LOG = LoggerFactory.getLogger(ModuleListenerObservation.class);

	private final ObjectProvider<ObservationRegistry> registry;

	ModuleListenerObservation(ObjectProvider<ObservationRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Class<?> type = AopUtils.getTargetClass(invocation.getThis());
		ObservationRegistry observations = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
		if (type.getSimpleName().endsWith("Intake") && isListenerObservation(observations.getCurrentObservation())) {
			// an in-process listener delegating to its module's intake: one span, the listener's
			return invocation.proceed();
		}
		String module = Modules.of(type);
		String listener = type.getSimpleName() + "." + invocation.getMethod().getName();
		Object[] arguments = invocation.getArguments();
		String event = arguments.length == 0 || arguments[0] == null ? "none" : arguments[0].getClass().getSimpleName();
		Observation observation = Observation.createNotStarted(NAME, observations)
			.contextualName(module + " " + listener)
			.lowCardinalityKeyValue(Modules.KEY, module)
			.lowCardinalityKeyValue("orderly.listener", listener)
			.lowCardinalityKeyValue("orderly.event", event);
		String outer = MDC.get(Modules.MDC_KEY);
		MDC.put(Modules.MDC_KEY, module);
		try {
			return observation.observeChecked(() -> {
				LOG.debug("{} handles {}", listener, event);
				return invocation.proceed();
			});
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

	private static boolean isListenerObservation(Observation current) {
		return current != null && NAME.equals(current.getContext().getName());
	}

	/** The methods observed: see the class comment. */
	static final class EntryPoints extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			if (!targetClass.getName().startsWith("dev.orderly.")) {
				return false;
			}
			Method specific = ClassUtils.getMostSpecificMethod(method, targetClass);
			if (specific.getName().equals("accept") && targetClass.getSimpleName().endsWith("Intake")) {
				return true;
			}
			return AnnotatedElementUtils.hasAnnotation(specific, EventListener.class)
					&& specific.getParameterCount() == 1
					&& specific.getParameterTypes()[0].getName().startsWith("dev.orderly.");
		}
	}
}
