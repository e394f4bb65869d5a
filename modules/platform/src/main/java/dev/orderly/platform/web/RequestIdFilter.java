package dev.orderly.platform.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderly.platform.SecurityEvents;
import dev.orderly.platform.security.ClientAddresses;

/**
 * Echoes or generates {@code X-Request-Id}, puts it in the MDC for every log line of the request
 * and keeps it on the request for the error envelope. Runs before everything else, security
 * included, so that even a rejected request can be traced.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	private final ClientAddresses clients;

	/** Without web properties (a test slice), no proxy is trusted. */
	RequestIdFilter(ObjectProvider<WebProperties> web) {
		WebProperties properties = web.getIfAvailable();
		this.clients = new ClientAddresses(properties == null ? List.of() : properties.trustedProxies());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object known = request.getAttribute(RequestIds.ATTRIBUTE);
		String id = known != null ? known.toString() : RequestIds.fromHeaderOrNew(request.getHeader(RequestIds.HEADER));
		request.setAttribute(RequestIds.ATTRIBUTE, id);
		request.setAttribute(SecurityEvents.CLIENT_ADDRESS_ATTRIBUTE, clients.of(request));
		response.setHeader(RequestIds.HEADER, id);
		MDC.put(RequestIds.MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	/**
	 * Also on error dispatches: a request the container refused before any filter ran (TRACE, for
	 * one) reaches the error page without an id otherwise.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}
}
