package dev.orderly.orders.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import dev.orderly.orders.application.OrderManagement;
import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderStatus;
import dev.orderly.orders.domain.OrderView;
import dev.orderly.orders.persistence.OrderQueries;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.web.PageLimit;

/**
 * {@code /api/v1/orders} and the nested {@code /api/v1/users/{userId}/orders}. Single-order
 * responses carry the strong ETag {@code "<version>"}; GET honours {@code If-None-Match} (304),
 * writes honour an optional {@code If-Match} (412, {@link OrderRequests#ifMatch}).
 * <p>
 * HTTP only: the caller goes on as an {@code Actor}, and who may do what is decided by
 * {@link OrderManagement} ({@code OrderPolicy}); failures come back as orders exceptions, which
 * {@link OrdersErrorMapping} answers.
 */
@RestController
@Tag(name = "orders")
@RequestMapping("/api/v1")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderManagement orders;

	private final IdempotentOrderResponses placements;

	OrderController(OrderManagement orders, IdempotentOrderResponses placements) {
		this.orders = orders;
		this.placements = placements;
	}

	@Operation(operationId = "placeOrder", summary = "Place an order",
			description = "Places an order for the caller, priced on the server from the price list (no price is ever sent). Send an Idempotency-Key (a UUID) so a retried request returns the first response (with Idempotent-Replayed: true) instead of placing a second order; the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED, a key whose first request is still running is 409 IDEMPOTENCY_KEY_IN_USE.")
	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.CREATED) // documents the status; the ResponseEntity sets the same
	ResponseEntity<String> place(CurrentUser caller, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
			@Valid @RequestBody OrderRequests.OrderRequest request) {
		return placed(placements.place(caller.actor(), caller.id(), key, request));
	}

	@Operation(operationId = "placeOrderForUser", summary = "Place an order for a user",
			description = "Same as placeOrder, for the user in the path: the caller themselves, or anyone for an administrator. Another user's id is 404.")
	@PostMapping("/users/{userId}/orders")
	@ResponseStatus(HttpStatus.CREATED) // documents the status; the ResponseEntity sets the same
	ResponseEntity<String> placeFor(CurrentUser caller, @PathVariable UUID userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
			@Valid @RequestBody OrderRequests.OrderRequest request) {
		return placed(placements.place(caller.actor(), userId, key, request));
	}

	@Operation(operationId = "listOrders", summary = "List orders",
			description = "The caller's orders, newest first, one keyset page at a time (limit, cursor from meta.nextCursor). Administrators see every order and may filter by userId; everyone may filter by status and creation time.")
	@GetMapping("/orders")
	ApiResponse<List<OrderView>> list(CurrentUser caller, @RequestParam(required = false) UUID userId,
			@RequestParam(required = false) OrderStatus status, @RequestParam(required = false) Instant createdAfter,
			@RequestParam(required = false) Instant createdBefore, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return page(caller, userId, status, createdAfter, createdBefore, limit, cursor);
	}

	@Operation(operationId = "listOrdersOfUser", summary = "List a user's orders",
			description = "Same as listOrders for the user in the path: the caller themselves, or anyone for an administrator. Another user's id is 404.")
	@GetMapping("/users/{userId}/orders")
	ApiResponse<List<OrderView>> listFor(CurrentUser caller, @PathVariable UUID userId,
			@RequestParam(required = false) OrderStatus status, @RequestParam(required = false) Instant createdAfter,
			@RequestParam(required = false) Instant createdBefore, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return page(caller, userId, status, createdAfter, createdBefore, limit, cursor);
	}

	@Operation(operationId = "getOrder", summary = "Get an order",
			description = "One order of the caller (any order for an administrator; another user's order is 404). The response carries the ETag \"<version>\"; with If-None-Match set to the current ETag the answer is 304 without a body.")
	@GetMapping("/orders/{id}")
	ApiResponse<OrderView> get(CurrentUser caller, @PathVariable UUID id, WebRequest request) {
		OrderView order = orders.find(caller.actor(), id);
		// Sets the ETag; a matching If-None-Match makes the answer a bodiless 304. Not a ResponseEntity:
		// Spring flushes those after the body, which sends a chunked response in two writes, where a
		// returned body goes out in one with its Content-Length (docs/performance.md).
		return request.checkNotModified(etagOf(order.version())) ? null : ApiResponse.of(order);
	}

	@Operation(operationId = "replaceOrder", summary = "Replace an order",
			description = "Replaces the items, address and note of a PLACED order of the caller and prices it again. If-Match with the ETag of the version read makes a concurrent change a 412 instead of a lost update; an order no longer PLACED is 409 ORDER_NOT_EDITABLE.")
	@PutMapping("/orders/{id}")
	ResponseEntity<ApiResponse<OrderView>> replace(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody OrderRequests.OrderRequest request) {
		return withEtag(HttpStatus.OK, orders.replace(caller.actor(), id, OrderRequests.ifMatch(ifMatch), request.draft()));
	}

	@Operation(operationId = "amendOrder", summary = "Change an order's address or note",
			description = "Changes the shipping address and/or note of a PLACED order of the caller; absent or null fields stay, an empty note removes it. Items cannot be patched (use replaceOrder). Honours If-Match (412).")
	@PatchMapping("/orders/{id}")
	ResponseEntity<ApiResponse<OrderView>> amend(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody OrderRequests.OrderPatch patch) {
		return withEtag(HttpStatus.OK, orders.amend(caller.actor(), id, OrderRequests.ifMatch(ifMatch), patch.amendment()));
	}

	@Operation(operationId = "cancelOrder", summary = "Cancel an order",
			description = "Cancels a PLACED or CONFIRMED order (its owner or an administrator), with an optional reason. Any other state is 409 INVALID_STATE_TRANSITION. Honours If-Match (412).")
	@PostMapping("/orders/{id}/cancel")
	ResponseEntity<ApiResponse<OrderView>> cancel(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody(required = false) OrderRequests.CancelRequest request) {
		String reason = request == null ? null : request.reason();
		return withEtag(HttpStatus.OK, orders.cancel(caller.actor(), id, OrderRequests.ifMatch(ifMatch), reason));
	}

	@Operation(operationId = "confirmOrder", summary = "Confirm an order",
			description = "Administrators: PLACED to CONFIRMED; any other state is 409 INVALID_STATE_TRANSITION. Honours If-Match (412).")
	@PostMapping("/orders/{id}/confirm")
	ResponseEntity<ApiResponse<OrderView>> confirm(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withEtag(HttpStatus.OK, orders.confirm(caller.actor(), id, OrderRequests.ifMatch(ifMatch)));
	}

	@Operation(operationId = "shipOrder", summary = "Ship an order",
			description = "Administrators: CONFIRMED to SHIPPED, with the carrier's tracking number; any other state is 409 INVALID_STATE_TRANSITION. Honours If-Match (412).")
	@PostMapping("/orders/{id}/ship")
	ResponseEntity<ApiResponse<OrderView>> ship(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody OrderRequests.ShipRequest request) {
		return withEtag(HttpStatus.OK, orders.ship(caller.actor(), id, OrderRequests.ifMatch(ifMatch), request.trackingNumber()));
	}

	@Operation(operationId = "deliverOrder", summary = "Mark an order delivered",
			description = "Administrators: SHIPPED to DELIVERED; any other state is 409 INVALID_STATE_TRANSITION. Honours If-Match (412).")
	@PostMapping("/orders/{id}/deliver")
	ResponseEntity<ApiResponse<OrderView>> deliver(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withEtag(HttpStatus.OK, orders.deliver(caller.actor(), id, OrderRequests.ifMatch(ifMatch)));
	}

	@Operation(operationId = "deleteOrder", summary = "Delete an order",
			description = "Administrators: soft-deletes an order; it is no longer listed or readable. Honours If-Match (412).")
	@DeleteMapping("/orders/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT) // documents the status; the ResponseEntity sets the same
	ResponseEntity<Void> delete(CurrentUser caller, @PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		orders.delete(caller.actor(), id, OrderRequests.ifMatch(ifMatch));
		return ResponseEntity.noContent().build();
	}

	private ApiResponse<List<OrderView>> page(CurrentUser caller, UUID userId, OrderStatus status,
			Instant createdAfter, Instant createdBefore, Integer limit, String cursor) {
		int size = PageLimit.of(limit);
		Cursor after = Cursor.decode(cursor);
		if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
			throw ApiException.invalid("createdBefore", "out_of_range", "createdBefore must be after createdAfter");
		}
		List<OrderView> rows = orders.list(caller.actor(),
				new OrderQueries.Filter(userId, status, createdAfter, createdBefore, after, size));
		return ApiResponse.page(rows, size, row -> new Cursor(row.createdAt(), row.id()), row -> row);
	}

	private static ResponseEntity<String> placed(IdempotentOrderResponses.Placed placed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(placed.status())
			.contentType(MediaType.APPLICATION_JSON)
			.location(URI.create("/api/v1/orders/" + placed.orderId()));
		if (placed.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(placed.body());
	}

	private static ResponseEntity<ApiResponse<OrderView>> withEtag(HttpStatus status, Order order) {
		return ResponseEntity.status(status).eTag(etagOf(order.version())).body(ApiResponse.of(OrderView.of(order)));
	}

	/** An order's strong ETag: its version, quoted. */
	static String etagOf(long version) {
		return "\"" + version + "\"";
	}
}
