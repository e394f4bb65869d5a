package dev.orderly.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * {@link UntrustedText} for everything outside the body: the decoded path, every query parameter
 * (name and values) and every header. Runs right after the request id, before security and rate
 * limiting, so no such value reaches a token parser, a rate-limit key or a query. A refusal is
 * 400 {@code VALIDATION_ERROR} naming the parameter or header ({@code path} for the path,
 * {@code query} when a parameter name itself is the problem). JSON bodies are checked while they
 * are read ({@link StrictJsonConfiguration}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class UntrustedTextFilter extends OncePerRequestFilter {

	private final ErrorResponses errors;

	UntrustedTextFilter(ErrorResponses errors) {
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ApiError.FieldIssue issue = firstIssue(request);
		if (issue != null) {
			errors.write(request, response, HttpStatus.BAD_REQUEST, "VALIDATION_ERROR",
					UntrustedText.describe(issue.field(), issue.issue()), List.of(issue));
			return;
		}
		chain.doFilter(request, response);
	}

	private static ApiError.FieldIssue firstIssue(HttpServletRequest request) {
		String problem = UntrustedText.problem(decodedPath(request));
		if (problem != null) {
			return new ApiError.FieldIssue("path", problem);
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			problem = UntrustedText.problem(parameter.getKey());
			if (problem != null) {
				return new ApiError.FieldIssue("query", problem);
			}
			for (String value : parameter.getValue()) {
				problem = UntrustedText.problem(value);
				if (problem != null) {
					return new ApiError.FieldIssue(parameter.getKey(), problem);
				}
			}
		}
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				problem = UntrustedText.problem(value);
				if (problem != null) {
					return new ApiError.FieldIssue(name, problem);
				}
			}
		}
		return null;
	}

	private static String decodedPath(HttpServletRequest request) {
		try {
			return UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Tomcat refuses malformed escapes before this point; be safe anyway.
			return "\u0000";
		}
	}
}
