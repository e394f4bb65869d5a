package dev.orderly;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.MDC;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.orderly.platform.web.RequestIds;

/**
 * Traces and module-aware logs wired around the modules from the outside (docs/adr/0023): Boot
 * provides the tracer (Micrometer Tracing, OpenTelemetry bridge), the HTTP server span and the OTLP
 * exporter; this adds what Boot does not know about and holds for every module — the module of a
 * request, spans for module listeners, the trace context across the async hop. What is one module's
 * (the email span, the email outbox gauges) that module declares itself (ADR 0033).
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	static {
		// The request id travels with the observation across thread hops (the listeners' threads),
		// like the trace context does: a listener's lines carry the id of the request that caused them.
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(RequestIds.MDC_KEY, () -> MDC.get(RequestIds.MDC_KEY),
					value -> MDC.put(RequestIds.MDC_KEY, value), () -> MDC.remove(RequestIds.MDC_KEY));
	}

	/**
	 * Applied by Boot to its task executor (the one {@code @Async} listeners run on): the current
	 * observation, so the trace, and the request id, cross to the listener's thread.
	 */
	@Bean
	ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	/**
	 * Module listeners and intakes observed. An infrastructure advisor, picked up by the auto-proxy
	 * creator that already proxies these beans for their transactions, ordered outside the
	 * transaction ({@code @Async} still goes first: it is added in front of existing advisors).
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor moduleListenerObservationAdvisor(ObjectProvider<ObservationRegistry> registry) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new ModuleListenerObservation.EntryPoints(),
				new ModuleListenerObservation(registry));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return advisor;
	}

	/**
	 * No observation of scheduled runs ({@code tasks.scheduled.execution}): the pollers (revocations
	 * every second, the email dispatcher, heartbeats) would each start a trace per tick — a steady
	 * stream of root spans with nothing to follow in them. What they do for a request is traced
	 * where it matters (the email span joins the request's trace; ADR 0023).
	 */
	@Bean
	ObservationPredicate noScheduledTaskObservations() {
		return (name, context) -> !"tasks.scheduled.execution".equals(name);
	}

	/**
	 * SQL spans ({@code jdbc.*}, datasource-micrometer) only inside something already observed — a
	 * request, a listener, an email send — where they show what the database cost that trace; the
	 * pollers' own statements (every 500 ms) would otherwise each start a trace of their own.
	 */
	@Bean
	ObservationPredicate jdbcObservationsOnlyWithinATrace() {
		return (name, context) -> !name.startsWith("jdbc.") || context.getParentObservation() != null;
	}

	@Bean
	WebMvcConfigurer moduleOfHandlerInterceptor() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new ModuleOfHandler());
			}
		};
	}
}
