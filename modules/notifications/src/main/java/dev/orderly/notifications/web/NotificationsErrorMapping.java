package dev.orderly.notifications.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.orderly.notifications.domain.NotAllowed;
import dev.orderly.notifications.domain.NotRetryable;
import dev.orderly.notifications.domain.NotificationNotFound;
import dev.orderly.platform.web.ErrorResponses;

/**
 * The one place where the exceptions of notifications meet HTTP (ADR 0021): each becomes a status
 * and an error code of the envelope. Scoped to this module's controllers, and ahead of the
 * platform's handler.
 */
@RestControllerAdvice(basePackageClasses = NotificationsErrorMapping.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotificationsErrorMapping {

	private final ErrorResponses errors;

	NotificationsErrorMapping(ErrorResponses errors) {
		this.errors = errors;
	}

	@ExceptionHandler(NotificationNotFound.class)
	ResponseEntity<Object> notFound(NotificationNotFound ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.NOT_FOUND, "NOT_FOUND", ex.getMessage(), null, request, null);
	}

	@ExceptionHandler(NotRetryable.class)
	ResponseEntity<Object> notRetryable(NotRetryable ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.CONFLICT, "INVALID_STATE_TRANSITION", ex.getMessage(), null, request, null);
	}

	@ExceptionHandler(NotAllowed.class)
	ResponseEntity<Object> notAllowed(NotAllowed ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.FORBIDDEN, "FORBIDDEN", ex.getMessage(), null, request, null);
	}
}
