package dev.orderly;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.common.KeyValue;
import org.slf4j.MDC;

import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.orderly.platform.Modules;

/**
 * Names the module of the controller that handles a request: in the MDC ({@code module}, on every
 * log line from the handler on) and on the request's span ({@code orderly.module}; a span attribute
 * only, so the {@code http.server.requests} metrics keep their tags).
 */
final class ModuleOfHandler implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			String module = Modules.of(method.getBeanType());
			MDC.put(Modules.MDC_KEY, module);
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent(context -> context.addHighCardinalityKeyValue(KeyValue.of(Modules.KEY, module)));
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		MDC.remove(Modules.MDC_KEY);
	}
}
