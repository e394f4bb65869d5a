package dev.orderly.platform.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * {@code /actuator/prometheus} on the separate management port, which Prometheus scrapes without a
 * token. Only when {@code management.server.port} (e.g. {@code MANAGEMENT_SERVER_PORT=9091}) is set
 * and differs from the API's port: that port is for the operator's network (not published by a
 * proxy or a load balancer), like a database port. On the API's port the scrape stays
 * administrators-only, and every other actuator endpoint stays administrators-only on both ports.
 */
final class ManagementPortScrape implements RequestMatcher {

	static final String PATH = "/actuator/prometheus";

	private final int port;

	private ManagementPortScrape(int port) {
		this.port = port;
	}

	/** The matcher when a distinct management port is configured; {@code null} otherwise. */
	static ManagementPortScrape of(Environment environment) {
		Integer management = environment.getProperty("management.server.port", Integer.class);
		Integer server = environment.getProperty("server.port", Integer.class, 8080);
		if (management == null || management <= 0 || management.equals(server)) {
			return null;
		}
		return new ManagementPortScrape(management);
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return request.getLocalPort() == port && PATH.equals(request.getRequestURI());
	}
}
