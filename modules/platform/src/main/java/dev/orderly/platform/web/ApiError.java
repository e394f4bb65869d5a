package dev.orderly.platform.web;

import java.util.List;

/**
 * The error envelope: {@code {"error": {"code", "message", "details", "requestId"}}}. It never
 * carries a stack trace, SQL or a class name.
 */
public record ApiError(Body error) {

	public static ApiError of(String code, String message, List<FieldIssue> details, String requestId) {
		return new ApiError(new Body(code, message, details == null ? List.of() : List.copyOf(details), requestId));
	}

	public record Body(String code, String message, List<FieldIssue> details, String requestId) {
	}

	/** One problem with one input field: {@code issue} is a short machine-readable word. */
	public record FieldIssue(String field, String issue) {
	}
}
