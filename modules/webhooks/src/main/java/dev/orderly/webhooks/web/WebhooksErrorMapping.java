package dev.orderly.webhooks.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.orderly.platform.web.ApiError;
import dev.orderly.platform.web.ErrorResponses;
import dev.orderly.webhooks.domain.ActionNotAllowed;
import dev.orderly.webhooks.domain.DeliveryInFlight;
import dev.orderly.webhooks.domain.DeliveryNotFound;
import dev.orderly.webhooks.domain.EndpointNotFound;
import dev.orderly.webhooks.domain.InvalidEventTypes;
import dev.orderly.webhooks.domain.TargetNotAllowed;
import dev.orderly.webhooks.domain.WebhooksException;

/**
 * Where the webhooks module's exceptions meet HTTP, and the only place (ADR 0021): scoped to this
 * module's controllers, ordered before the platform's catch-all handler; the {@code switch} names
 * every exception of the sealed family.
 */
@RestControllerAdvice(basePackageClasses = WebhooksErrorMapping.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class WebhooksErrorMapping {

	private static final Logger log = LoggerFactory.getLogger(WebhooksErrorMapping.class);

	private final ErrorResponses errors;

	WebhooksErrorMapping(ErrorResponses errors) {
		this.errors = errors;
	}

	@ExceptionHandler(WebhooksException.class)
	ResponseEntity<Object> map(WebhooksException ex, HttpServletRequest request) {
		Answer answer = answer(ex);
		log.debug("Request rejected: {} {} ({})", answer.status().value(), answer.code(), ex.getClass().getSimpleName());
		return errors.entity(answer.status(), answer.code(), answer.message(), answer.details(), request, null);
	}

	static Answer answer(WebhooksException ex) {
		return switch (ex) {
			case EndpointNotFound e -> generic(HttpStatus.NOT_FOUND);
			case DeliveryNotFound e -> generic(HttpStatus.NOT_FOUND);
			case ActionNotAllowed e -> generic(HttpStatus.FORBIDDEN);
			case TargetNotAllowed e -> invalid("url", "not_allowed", e);
			case InvalidEventTypes e -> invalid("eventTypes", "invalid", e);
			case DeliveryInFlight e -> new Answer(HttpStatus.CONFLICT, "CONFLICT", e.getMessage(), List.of());
		};
	}

	/** What the client is told. */
	record Answer(HttpStatus status, String code, String message, List<ApiError.FieldIssue> details) {
	}

	private static Answer generic(HttpStatus status) {
		return new Answer(status, ErrorResponses.defaultCode(status), ErrorResponses.defaultMessage(status), List.of());
	}

	private static Answer invalid(String field, String issue, WebhooksException ex) {
		return new Answer(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", ex.getMessage(),
				List.of(new ApiError.FieldIssue(field, issue)));
	}
}
