package dev.orderly.platform.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.orderly.platform.paging.InvalidCursor;

/**
 * Turns every failure raised inside Spring MVC into the error envelope with the right status.
 * Framework exceptions come through {@link ResponseEntityExceptionHandler}; ours and the data
 * access ones through the handlers below. Client errors are logged at debug, server errors with
 * their stack trace — on the server only.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class GlobalErrorHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

	private final ErrorResponses errors;

	GlobalErrorHandler(ErrorResponses errors) {
		this.errors = errors;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> api(ApiException ex, HttpServletRequest request) {
		log.debug("Request rejected: {} {}", ex.status().value(), ex.code());
		return errors.entity(ex.status(), ex.code(), ex.getMessage(), ex.details(), request, null);
	}

	@ExceptionHandler(InvalidCursor.class)
	ResponseEntity<Object> invalidCursor(InvalidCursor ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", ex.getMessage(),
				List.of(new ApiError.FieldIssue("cursor", "invalid")), request, null);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<ApiError.FieldIssue> details = ex.getConstraintViolations().stream()
			.map(v -> new ApiError.FieldIssue(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.toList();
		return errors.entity(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "The request is invalid", details, request, null);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> optimisticLock(OptimisticLockingFailureException ex, HttpServletRequest request) {
		log.debug("Concurrent modification", ex);
		return errors.entity(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
				"The resource was changed by another request; fetch it again and retry", null, request, null);
	}

	@ExceptionHandler(ConcurrencyFailureException.class)
	ResponseEntity<Object> concurrency(ConcurrencyFailureException ex, HttpServletRequest request) {
		log.info("Concurrency failure (lock or serialization)", ex);
		return errors.entity(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
				"The resource is being changed by another request; retry", null, request, null);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
			TransientDataAccessResourceException.class, QueryTimeoutException.class })
	ResponseEntity<Object> databaseUnavailable(Exception ex, HttpServletRequest request) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return errors.entity(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
				ErrorResponses.defaultMessage(HttpStatus.SERVICE_UNAVAILABLE), null, request, null);
	}

	/**
	 * A transaction that failed with the database gone fails again on rollback: the JDBC connection
	 * is closed. That is the database being unavailable, not a bug.
	 */
	@ExceptionHandler(TransactionSystemException.class)
	ResponseEntity<Object> transactionFailure(TransactionSystemException ex, HttpServletRequest request) {
		if (ex.getCause() instanceof SQLException) {
			return databaseUnavailable(ex, request);
		}
		return unexpected(ex, request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.FORBIDDEN, "FORBIDDEN", ErrorResponses.defaultMessage(HttpStatus.FORBIDDEN), null,
				request, null);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
				ErrorResponses.defaultMessage(HttpStatus.UNAUTHORIZED), null, request, null);
	}

	/**
	 * Spring Security's firewall refuses some header values only when they are read (a C1 control
	 * character in {@code If-Match}, say): bad input, not a server error.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> rejected(RequestRejectedException ex, HttpServletRequest request) {
		log.debug("Request rejected by the firewall");
		return errors.entity(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", ErrorResponses.defaultMessage(HttpStatus.BAD_REQUEST),
				null, request, null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
		if (hasCause(ex, RequestTooLargeException.class)) {
			return errors.entity(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					ErrorResponses.defaultMessage(HttpStatus.CONTENT_TOO_LARGE), null, request, null);
		}
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return errors.entity(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				ErrorResponses.defaultMessage(HttpStatus.INTERNAL_SERVER_ERROR), null, request, null);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ApiError.FieldIssue> details = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			details.add(new ApiError.FieldIssue(error.getField(), issueOf(error.getCode())));
		}
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> details.add(new ApiError.FieldIssue(error.getObjectName(), issueOf(error.getCode()))));
		return errors.entity(status, "VALIDATION_ERROR", summary(ex.getBindingResult().getFieldErrors()), details,
				servlet(request), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ApiError.FieldIssue> details = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
			.forEach(error -> details.add(new ApiError.FieldIssue(result.getMethodParameter().getParameterName(),
					issueOf(error.getCodes() == null ? null : error.getCodes()[error.getCodes().length - 1])))));
		return errors.entity(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", "The request is invalid", details,
				servlet(request), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (hasCause(ex, RequestTooLargeException.class)) {
			return errors.entity(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
					ErrorResponses.defaultMessage(HttpStatus.CONTENT_TOO_LARGE), null, servlet(request), headers);
		}
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return errors.entity(status, "VALIDATION_ERROR", "Unknown property '" + unknown.getPropertyName() + "'",
					List.of(new ApiError.FieldIssue(path(unknown), "unknown")), servlet(request), headers);
		}
		if (cause instanceof UntrustedTextException untrusted) {
			String field = path(untrusted);
			return errors.entity(status, "VALIDATION_ERROR", UntrustedText.describe(field, untrusted.issue()),
					List.of(new ApiError.FieldIssue(field, untrusted.issue())), servlet(request), headers);
		}
		if (cause instanceof DuplicateItemsException duplicates) {
			String field = path(duplicates);
			return errors.entity(status, "VALIDATION_ERROR", "'" + field + "' must not repeat an item",
					List.of(new ApiError.FieldIssue(field, "duplicate_items")), servlet(request), headers);
		}
		if (cause instanceof StreamReadException read && read.getMessage() != null
				&& read.getMessage().startsWith("Duplicate Object property")) {
			return errors.entity(status, "MALFORMED_REQUEST", "The request body repeats a property", null,
					servlet(request), headers);
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			JacksonException jackson = (JacksonException) cause;
			String field = path(jackson);
			if (!field.isEmpty()) {
				return errors.entity(status, "VALIDATION_ERROR", "Invalid value for '" + field + "'",
						List.of(new ApiError.FieldIssue(field, "invalid")), servlet(request), headers);
			}
		}
		return errors.entity(status, "MALFORMED_REQUEST", "The request body is missing or is not valid JSON", null,
				servlet(request), headers);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return errors.entity(status, "VALIDATION_ERROR", "Parameter '" + ex.getParameterName() + "' is required",
				List.of(new ApiError.FieldIssue(ex.getParameterName(), "required")), servlet(request), headers);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ex.getPropertyName();
		return errors.entity(status, "VALIDATION_ERROR", "Invalid value for '" + name + "'",
				List.of(new ApiError.FieldIssue(name, "invalid")), servlet(request), headers);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(
			ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			return errors.entity(status, "VALIDATION_ERROR", "Header '" + missing.getHeaderName() + "' is required",
					List.of(new ApiError.FieldIssue(missing.getHeaderName(), "required")), servlet(request), headers);
		}
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	/** Every other framework exception: status from the framework, code and message from us. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (status.is5xxServerError()) {
			log.error("Framework error", ex);
		}
		else {
			log.debug("Framework rejected request: {}", ex.toString());
		}
		return errors.entity(status, ErrorResponses.defaultCode(status), ErrorResponses.defaultMessage(status), null,
				servlet(request), headers);
	}

	private static HttpServletRequest servlet(WebRequest request) {
		return ((ServletWebRequest) request).getRequest();
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String summary(List<FieldError> errors) {
		if (errors.isEmpty()) {
			return "The request is invalid";
		}
		FieldError first = errors.get(0);
		return "'" + first.getField() + "' " + first.getDefaultMessage();
	}

	/** Bean Validation constraint names as short issue words: NotBlank → required, Size → size… */
	private static String issueOf(String constraint) {
		if (constraint == null) {
			return "invalid";
		}
		return switch (constraint) {
			case "NotNull", "NotBlank", "NotEmpty" -> "required";
			case "Size", "Length" -> "size";
			case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax", "Range" -> "out_of_range";
			case "Email" -> "email";
			case "Pattern" -> "format";
			default -> "invalid";
		};
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}
}
