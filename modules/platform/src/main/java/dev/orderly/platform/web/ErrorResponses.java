package dev.orderly.platform.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import dev.orderly.platform.SecurityEvents;

/**
 * Builds the error envelope, both for Spring MVC handlers ({@link #entity}) and for code that runs
 * outside of them — servlet filters, security handlers — and writes the response itself
 * ({@link #write}).
 */
@Component
public class ErrorResponses {

	private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

	/** Seconds a client should wait before retrying when a dependency is down. */
	public static final String RETRY_AFTER_UNAVAILABLE = "5";

	private final JsonMapper json;

	ErrorResponses(JsonMapper json) {
		this.json = json;
	}

	/** The error code used when a failure carries nothing more specific than its status. */
	public static String defaultCode(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "MALFORMED_REQUEST";
			case 401 -> "UNAUTHENTICATED";
			case 403 -> "FORBIDDEN";
			case 404 -> "NOT_FOUND";
			case 405 -> "METHOD_NOT_ALLOWED";
			case 406 -> "NOT_ACCEPTABLE";
			case 409 -> "CONFLICT";
			case 412 -> "PRECONDITION_FAILED";
			case 413 -> "PAYLOAD_TOO_LARGE";
			case 415 -> "UNSUPPORTED_MEDIA_TYPE";
			case 429 -> "RATE_LIMITED";
			case 503 -> "SERVICE_UNAVAILABLE";
			default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
		};
	}

	/** The message used when a failure carries nothing safer to say. */
	public static String defaultMessage(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "The request is malformed";
			case 401 -> "Authentication is required";
			case 403 -> "You are not allowed to do this";
			case 404 -> "Resource not found";
			case 405 -> "This method is not supported for this resource";
			case 406 -> "Only application/json responses are available";
			case 413 -> "The request body is too large";
			case 415 -> "Content type not supported; send application/json";
			case 429 -> "Too many requests; retry later";
			case 503 -> "The service is temporarily unavailable; retry later";
			default -> status.is4xxClientError() ? "The request cannot be processed" : "An unexpected error occurred";
		};
	}

	public ResponseEntity<Object> entity(HttpStatusCode status, String code, String message,
			List<ApiError.FieldIssue> details, HttpServletRequest request, HttpHeaders headers) {
		logSecurityEvent(status, code, details, request);
		HttpHeaders all = new HttpHeaders();
		if (headers != null) {
			all.putAll(headers);
		}
		all.setContentType(MediaType.APPLICATION_JSON);
		if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && !all.containsHeader(HttpHeaders.RETRY_AFTER)) {
			all.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_UNAVAILABLE);
		}
		return ResponseEntity.status(status).headers(all).body(ApiError.of(code, message, details, RequestIds.of(request)));
	}

	/**
	 * The security events every error response may be (ASVS V16): {@code security.access_denied} for a
	 * 403, {@code request.validation_rejected} for input refused at the edge — with the names of the
	 * fields at fault, never their values. (Hidden 404s are logged by the policies that hide them;
	 * 401s by the authentication entry point, which knows why; 429s by the rate limit filter.)
	 */
	private static void logSecurityEvent(HttpStatusCode status, String code, List<ApiError.FieldIssue> details,
			HttpServletRequest request) {
		if (status.value() == HttpStatus.FORBIDDEN.value()) {
			SecurityEvents.count("security.access_denied", "403");
			LOG.atInfo().setMessage("security.access_denied")
				.addKeyValue("status", 403)
				.addKeyValue("code", code)
				.addKeyValue("method", request.getMethod())
				.addKeyValue("path", request.getRequestURI())
				.addKeyValue("actorId", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName())
				.log();
		}
		else if ("VALIDATION_ERROR".equals(code) || "MALFORMED_REQUEST".equals(code)) {
			SecurityEvents.count("request.validation_rejected", code);
			LOG.atInfo().setMessage("request.validation_rejected")
				.addKeyValue("code", code)
				.addKeyValue("fields", () -> details == null ? List.of()
						: details.stream().map(issue -> printable(issue.field())).distinct().toList())
				.addKeyValue("method", request.getMethod())
				.addKeyValue("path", request.getRequestURI())
				.log();
		}
	}

	/** A field name as the client sent it, cut to 64 characters of {@code [A-Za-z0-9_.\[\]-]} (no log forging). */
	private static String printable(String field) {
		if (field == null) {
			return null;
		}
		String cut = field.length() > 64 ? field.substring(0, 64) : field;
		return cut.replaceAll("[^A-Za-z0-9_.\\[\\]-]", "?");
	}

	/** Writes the envelope straight to the servlet response (filters, security handlers). */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code,
			String message) throws IOException {
		write(request, response, status, code, message, List.of());
	}

	/** Writes the envelope with field details straight to the servlet response. */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code,
			String message, List<ApiError.FieldIssue> details) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		logSecurityEvent(status, code, details, request);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && response.getHeader(HttpHeaders.RETRY_AFTER) == null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_UNAVAILABLE);
		}
		json.writeValue(response.getOutputStream(), ApiError.of(code, message, details, RequestIds.of(request)));
	}
}
