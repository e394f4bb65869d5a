package dev.orderly.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure a client can act on: it becomes the error envelope with its status and code. Modules
 * throw it (or subclasses) from their use cases; it deliberately has no stack trace, because it is
 * an expected outcome rather than a bug.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final List<ApiError.FieldIssue> details;

	public ApiException(HttpStatus status, String code, String message) {
		this(status, code, message, List.of());
	}

	public ApiException(HttpStatus status, String code, String message, List<ApiError.FieldIssue> details) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.details = List.copyOf(details);
	}

	/** 404 for a resource that does not exist or that the caller may not see. */
	public static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "Resource not found");
	}

	/** 400 for one invalid input field. */
	public static ApiException invalid(String field, String issue, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", message,
				List.of(new ApiError.FieldIssue(field, issue)));
	}

	/** 409 for a conflict with the current state of a resource. */
	public static ApiException conflict(String code, String message) {
		return new ApiException(HttpStatus.CONFLICT, code, message);
	}

	/** 422 for well-formed input that breaks a business rule. */
	public static ApiException unprocessable(String code, String message) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, message);
	}

	/** 403 for an authenticated caller whose role may not do this. */
	public static ApiException forbidden() {
		return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this");
	}

	/** 412 for an {@code If-Match} that does not match the current version. */
	public static ApiException preconditionFailed() {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "PRECONDITION_FAILED",
				"The resource has changed since you read it; fetch it again");
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public List<ApiError.FieldIssue> details() {
		return details;
	}
}
