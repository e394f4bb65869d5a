package dev.orderly.orders.web;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import dev.orderly.orders.domain.OrderStatus;
import dev.orderly.orders.domain.OrdersException;
import dev.orderly.orders.domain.ProductNotFound;
import dev.orderly.orders.domain.StaleOrder;
import dev.orderly.orders.domain.UnknownCurrency;
import dev.orderly.orders.domain.UnknownProduct;
import dev.orderly.platform.web.ApiError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API answers for each orders exception: the statuses, codes, messages and details the
 * API gave before the module had exceptions of its own. What must not leak (which orders, customers
 * or products exist) gets the generic words.
 */
class OrdersErrorMappingTests {

	static Stream<Arguments> answers() {
		UUID id = UUID.randomUUID();
		return Stream.of(
				Arguments.of(new OrderNotFound(id), 404, "NOT_FOUND", "Resource not found", List.of()),
				Arguments.of(new CustomerNotFound(id), 404, "NOT_FOUND", "Resource not found", List.of()),
				Arguments.of(new CustomerDeleted(id), 404, "NOT_FOUND", "Resource not found", List.of()),
				Arguments.of(new ProductNotFound("SKU-1"), 404, "NOT_FOUND", "Resource not found", List.of()),
				Arguments.of(new ActionNotAllowed("confirm an order"), 403, "FORBIDDEN",
						"You are not allowed to do this", List.of()),
				Arguments.of(new StaleOrder(id, 3), 412, "PRECONDITION_FAILED",
						"The resource has changed since you read it; fetch it again", List.of()),
				Arguments.of(new IllegalTransition(OrderStatus.SHIPPED, OrderStatus.CANCELLED), 409,
						"INVALID_STATE_TRANSITION", "An order in status SHIPPED cannot become CANCELLED", List.of()),
				Arguments.of(new OrderNotEditable(OrderStatus.CONFIRMED), 409, "ORDER_NOT_EDITABLE",
						"Only a PLACED order can be changed; this one is CONFIRMED", List.of()),
				Arguments.of(new UnknownProduct(List.of("A-1", "B-2")), 422, "UNKNOWN_PRODUCT",
						"Unknown or inactive product: A-1, B-2",
						List.of(new ApiError.FieldIssue("items[sku=A-1]", "unknown_product"),
								new ApiError.FieldIssue("items[sku=B-2]", "unknown_product"))),
				Arguments.of(new MixedCurrency(List.of("EUR", "USD")), 422, "MIXED_CURRENCY",
						"All items of an order must have the same currency; found EUR, USD", List.of()),
				Arguments.of(new InvalidSku(), 400, "VALIDATION_ERROR",
						"sku must be 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit",
						List.of(new ApiError.FieldIssue("sku", "format"))),
				Arguments.of(new UnknownCurrency(), 400, "VALIDATION_ERROR", "currency must be an ISO 4217 code",
						List.of(new ApiError.FieldIssue("currency", "invalid"))),
				Arguments.of(new IdempotencyKeyInUse("A request with this Idempotency-Key is still in progress; retry later"),
						409, "IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still in progress; retry later",
						List.of()),
				Arguments.of(new IdempotencyKeyReused(), 422, "IDEMPOTENCY_KEY_REUSED",
						"This Idempotency-Key was already used for a different request", List.of()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answers")
	void answersEachExceptionAsTheApiAlwaysDid(OrdersException ex, int status, String code, String message,
			List<ApiError.FieldIssue> details) {
		OrdersErrorMapping.Answer answer = OrdersErrorMapping.answer(ex);
		assertThat(answer.status().value()).isEqualTo(status);
		assertThat(answer.code()).isEqualTo(code);
		assertThat(answer.message()).isEqualTo(message);
		assertThat(answer.details()).isEqualTo(details);
		assertThat(ex.getStackTrace()).as("an outcome, not a bug").isEmpty();
	}
}
