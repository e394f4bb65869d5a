package dev.orderly.platform.security;

import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * Endpoints a module opens to anonymous callers. Each module declares its own as beans; the
 * platform's security filter chain permits them and requires authentication for everything else.
 *
 * @param method the HTTP method, or {@code null} for any
 * @param patterns path patterns such as {@code /api/v1/users}
 */
public record PublicEndpoints(HttpMethod method, List<String> patterns) {

	public static PublicEndpoints get(String... patterns) {
		return new PublicEndpoints(HttpMethod.GET, List.of(patterns));
	}

	public static PublicEndpoints post(String... patterns) {
		return new PublicEndpoints(HttpMethod.POST, List.of(patterns));
	}
}
