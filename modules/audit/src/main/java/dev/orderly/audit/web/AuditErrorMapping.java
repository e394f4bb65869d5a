package dev.orderly.audit.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.orderly.audit.domain.ActionNotAllowed;
import dev.orderly.audit.domain.AuditException;
import dev.orderly.audit.domain.InvalidAuditQuery;
import dev.orderly.platform.web.ApiError;
import dev.orderly.platform.web.ErrorResponses;

/**
 * Where the audit module's exceptions meet HTTP, and the only place (ADR 0021): scoped to this
 * module's controllers, ordered before the platform's catch-all handler; the {@code switch} names
 * every exception of the sealed family.
 */
@RestControllerAdvice(basePackageClasses = AuditErrorMapping.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class AuditErrorMapping {

	private final ErrorResponses errors;

	AuditErrorMapping(ErrorResponses errors) {
		this.errors = errors;
	}

	@ExceptionHandler(AuditException.class)
	ResponseEntity<Object> map(AuditException ex, HttpServletRequest request) {
		return switch (ex) {
			case ActionNotAllowed e -> errors.entity(HttpStatus.FORBIDDEN, ErrorResponses.defaultCode(HttpStatus.FORBIDDEN),
					ErrorResponses.defaultMessage(HttpStatus.FORBIDDEN), List.of(), request, null);
			case InvalidAuditQuery e -> errors.entity(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage(),
					List.of(new ApiError.FieldIssue(e.field(), e.issue())), request, null);
		};
	}
}
