package dev.orderly.orders.web;

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

import dev.orderly.orders.domain.ActionNotAllowed;
import dev.orderly.orders.domain.CustomerDeleted;
import dev.orderly.orders.domain.CustomerNotFound;
import dev.orderly.orders.domain.IdempotencyKeyInUse;
import dev.orderly.orders.domain.IdempotencyKeyReused;
import dev.orderly.orders.domain.IllegalTransition;
import dev.orderly.orders.domain.InvalidSku;
import dev.orderly.orders.domain.MixedCurrency;
import dev.orderly.orders.domain.OrderNotEditable;
import dev.orderly.orders.domain.OrderNotFound;
import dev.orderly.orders.domain.OrdersException;
import dev.orderly.orders.domain.ProductNotFound;
import dev.orderly.orders.domain.QuantityOutOfRange;
import dev.orderly.orders.domain.StaleOrder;
import dev.orderly.orders.domain.UnknownCurrency;
import dev.orderly.orders.domain.UnknownProduct;
import dev.orderly.platform.web.ApiError;
import dev.orderly.platform.web.ErrorResponses;

/**
 * Where the orders module's exceptions meet HTTP, and the only place: each {@link OrdersException}
 * becomes its status, error code, message and field details in the error envelope. Scoped to this
 * module's controllers and ordered before the platform's catch-all handler. The {@code switch}
 * names every exception of the sealed family, so a new one cannot go unmapped.
 * <p>
 * What must not leak is answered with the platform's generic words: an order, a customer or a
 * product the actor may not see is a plain 404, whatever the exception knows.
 */
@RestControllerAdvice(basePackageClasses = OrdersErrorMapping.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class OrdersErrorMapping {

	private static final Logger log = LoggerFactory.getLogger(OrdersErrorMapping.class);

	private final ErrorResponses errors;

	OrdersErrorMapping(ErrorResponses errors) {
		this.errors = errors;
	}

	@ExceptionHandler(OrdersException.class)
	ResponseEntity<Object> map(OrdersException ex, HttpServletRequest request) {
		Answer answer = answer(ex);
		log.debug("Request rejected: {} {} ({})", answer.status().value(), answer.code(), ex.getClass().getSimpleName());
		return errors.entity(answer.status(), answer.code(), answer.message(), answer.details(), request, null);
	}

	static Answer answer(OrdersException ex) {
		return switch (ex) {
			case OrderNotFound e -> generic(HttpStatus.NOT_FOUND);
			case CustomerNotFound e -> generic(HttpStatus.NOT_FOUND);
			case CustomerDeleted e -> generic(HttpStatus.NOT_FOUND);
			case ProductNotFound e -> generic(HttpStatus.NOT_FOUND);
			case ActionNotAllowed e -> generic(HttpStatus.FORBIDDEN);
			case StaleOrder e -> new Answer(HttpStatus.PRECONDITION_FAILED, "PRECONDITION_FAILED",
					"The resource has changed since you read it; fetch it again", List.of());
			case IllegalTransition e -> own(HttpStatus.CONFLICT, "INVALID_STATE_TRANSITION", e);
			case OrderNotEditable e -> own(HttpStatus.CONFLICT, "ORDER_NOT_EDITABLE", e);
			case UnknownProduct e -> new Answer(HttpStatus.UNPROCESSABLE_CONTENT, "UNKNOWN_PRODUCT", e.getMessage(),
					e.skus().stream().map(sku -> new ApiError.FieldIssue("items[sku=" + sku + "]", "unknown_product"))
						.toList());
			case MixedCurrency e -> own(HttpStatus.UNPROCESSABLE_CONTENT, "MIXED_CURRENCY", e);
			case InvalidSku e -> invalid("sku", "format", e);
			case UnknownCurrency e -> invalid("currency", "invalid", e);
			case QuantityOutOfRange e -> invalid("items", "out_of_range", e);
			case IdempotencyKeyInUse e -> own(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_USE", e);
			case IdempotencyKeyReused e -> own(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED", e);
		};
	}

	/** What the client is told. */
	record Answer(HttpStatus status, String code, String message, List<ApiError.FieldIssue> details) {
	}

	/** The platform's code and words for the status: nothing of what the exception knows. */
	private static Answer generic(HttpStatus status) {
		return new Answer(status, ErrorResponses.defaultCode(status), ErrorResponses.defaultMessage(status), List.of());
	}

	/** The exception's own message, which is written for the client. */
	private static Answer own(HttpStatus status, String code, OrdersException ex) {
		return new Answer(status, code, ex.getMessage(), List.of());
	}

	private static Answer invalid(String field, String issue, OrdersException ex) {
		return new Answer(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", ex.getMessage(),
				List.of(new ApiError.FieldIssue(field, issue)));
	}
}
