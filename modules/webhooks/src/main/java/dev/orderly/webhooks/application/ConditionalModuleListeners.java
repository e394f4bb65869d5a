package dev.orderly.webhooks.application;

import java.lang.reflect.Method;

import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.ConditionalEventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.event.TransactionalEventListenerFactory;

/**
 * Lets a listener say, per event, whether it needs a publication at all: the
 * {@link ApplicationModuleListener} methods of a bean that implements {@link ConditionalEventListener}
 * become listeners that Spring Modulith asks ({@code supports(event)}) when the event is published,
 * in the publishing transaction, before it stores the publications. A listener that answers
 * {@code false} gets no publication and is not invoked for that event: no outbox row, no listener
 * transaction, no completion (ADR 0043: the webhooks module when no endpoint subscribes to the
 * event's type).
 * <p>
 * Spring Modulith asks only at publication: a publication once stored is always delivered, also when
 * it is resubmitted later and the answer would now be {@code false} — so the listener must not rely
 * on the answer staying the same, and may not use a SpEL {@code condition}, which Spring would also
 * evaluate at delivery and then leave the publication incomplete for ever.
 * <p>
 * Spring Modulith's own {@code ConditionalTransactionalEventListenerFactory} does the same for the
 * event externalization only; this factory is ordered before it (and before Spring's
 * {@link TransactionalEventListenerFactory}) and takes only {@code @ApplicationModuleListener}
 * methods.
 * <p>
 * Generic, but here because webhooks is the one module whose listeners decline events: in the
 * platform it would need {@code spring-modulith-events-core}, whose auto-configuration then wants an
 * event publication registry in every context of the platform's own tests.
 */
@Component
final class ConditionalModuleListeners extends TransactionalEventListenerFactory {

	/** Before Modulith's externalization factory (25) and Spring's transactional one (50). */
	ConditionalModuleListeners() {
		setOrder(20);
	}

	@Override
	public boolean supportsMethod(Method method) {
		return ConditionalEventListener.class.isAssignableFrom(method.getDeclaringClass())
				&& AnnotatedElementUtils.hasAnnotation(method, ApplicationModuleListener.class);
	}

	@Override
	public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
		return new Adapter(beanName, type, method);
	}

	/** A transactional listener adapter that asks its bean whether an event needs a publication. */
	private static final class Adapter extends TransactionalApplicationListenerMethodAdapter
			implements ConditionalEventListener {

		Adapter(String beanName, Class<?> targetClass, Method method) {
			super(beanName, targetClass, method);
		}

		@Override
		public boolean supports(Object event) {
			return ((ConditionalEventListener) getTargetBean()).supports(event);
		}
	}
}
