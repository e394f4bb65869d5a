package dev.orderly.orders.web;

import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.OrdersApiFixture;
import dev.orderly.orders.OrdersHttpTest;
import dev.orderly.orders.persistence.IdempotencyKeys;

import static dev.orderly.orders.OrdersApiFixture.ADDRESS;
import static dev.orderly.orders.OrdersApiFixture.expectError;
import static dev.orderly.orders.OrdersApiFixture.item;
import static dev.orderly.orders.OrdersApiFixture.orderBody;
import static dev.orderly.orders.OrdersApiFixture.orderOf;
import static dev.orderly.orders.OrdersApiFixture.orderWith;
import static dev.orderly.orders.OrdersApiFixture.race;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/orders} over real HTTP: every endpoint, every error path of the contract. */
@OrdersHttpTest
class OrderApiTests {

	@Autowired
	OrdersApiFixture fixture;

	final UUID alice = UUID.randomUUID();

	final UUID bob = UUID.randomUUID();

	// --- placing ---------------------------------------------------------------------------

	@Test
	void placesAnOrderPricedOnTheServerWithDiscountOverOneHundred() {
		String widget = fixture.product(4000, "EUR");
		String gadget = fixture.product(2501, "EUR");
		String body = orderWith("\"note\":\"leave at door\"", item(widget, 2), item(gadget, 1));
		String response = fixture.post("/api/v1/orders", fixture.user(alice), body)
			.expectStatus().isCreated()
			.expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/api/v1/orders/"))
			.expectBody(String.class).returnResult().getResponseBody();
		JsonNode order = fixture.read(response).get("data");
		assertThat(order.get("userId").asString()).isEqualTo(alice.toString());
		assertThat(order.get("status").asString()).isEqualTo("PLACED");
		assertThat(order.get("subtotal").asLong()).isEqualTo(10501);
		assertThat(order.get("discount").asLong()).isEqualTo(1050);
		assertThat(order.get("total").asLong()).isEqualTo(9451);
		assertThat(order.get("currency").asString()).isEqualTo("EUR");
		assertThat(order.get("note").asString()).isEqualTo("leave at door");
		assertThat(order.get("lines")).hasSize(2);
		assertThat(order.at("/lines/0/name").asString()).isEqualTo("Product " + widget);
		assertThat(order.at("/lines/0/unitPrice").asLong()).isEqualTo(4000);
		assertThat(order.at("/lines/0/lineTotal").asLong()).isEqualTo(8000);
		assertThat(order.at("/shippingAddress/city").asString()).isEqualTo("Berlin");
		assertThat(order.has("version")).isTrue();
		assertThat(order.has("createdAt")).isTrue();
		assertThat(order.has("updatedAt")).isTrue();
	}

	@Test
	void givesNoDiscountAtExactlyOneHundred() {
		String sku = fixture.product(5000, "EUR");
		JsonNode order = fixture.place(alice, orderBody(sku, 2));
		assertThat(order.get("discount").asLong()).isZero();
		assertThat(order.get("total").asLong()).isEqualTo(10000);
	}

	@Test
	void refusesAPriceSentByTheClient() {
		String sku = fixture.product(100, "EUR");
		String body = orderOf(item(sku, 1).replace("}", ",\"unitPrice\":1}"));
		expectError(fixture.post("/api/v1/orders", fixture.user(alice), body), 400, "VALIDATION_ERROR");
		String total = orderWith("\"total\":1", item(sku, 1));
		expectError(fixture.post("/api/v1/orders", fixture.user(alice), total), 400, "VALIDATION_ERROR");
	}

	@Test
	void rejectsUnknownAndInactiveProductsNamingTheSku() {
		String inactive = fixture.product(100, "EUR");
		fixture.deactivate(inactive);
		String body = orderOf(item(OrdersApiFixture.newSku("NO-SUCH"), 1), item(inactive, 1));
		fixture.post("/api/v1/orders", fixture.user(alice), body)
			.expectStatus().isEqualTo(422)
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("UNKNOWN_PRODUCT")
			.jsonPath("$.error.details.length()").isEqualTo(2)
			.jsonPath("$.error.details[1].field").isEqualTo("items[sku=" + inactive + "]");
	}

	@Test
	void rejectsMixedCurrencies() {
		String euro = fixture.product(100, "EUR");
		String dollar = fixture.product(100, "USD");
		String body = orderOf(item(euro, 1), item(dollar, 1));
		expectError(fixture.post("/api/v1/orders", fixture.user(alice), body), 422, "MIXED_CURRENCY");
	}

	@Test
	void validatesQuantitiesItemCountsAndTheAddress() {
		String sku = fixture.product(100, "EUR");
		String token = fixture.user(alice);
		expectError(fixture.post("/api/v1/orders", token, orderBody(sku, 0)), 400, "VALIDATION_ERROR");
		expectError(fixture.post("/api/v1/orders", token, orderBody(sku, 1001)), 400, "VALIDATION_ERROR");
		expectError(fixture.post("/api/v1/orders", token, "{\"items\":[],\"shippingAddress\":" + ADDRESS + "}"),
				400, "VALIDATION_ERROR");
		String tooMany = orderOf(Collections.nCopies(51, item(sku, 1)).toArray(String[]::new));
		expectError(fixture.post("/api/v1/orders", token, tooMany), 400, "VALIDATION_ERROR");
		String mergedTooMany = orderOf(item(sku, 600), item(sku, 600));
		expectError(fixture.post("/api/v1/orders", token, mergedTooMany), 400, "VALIDATION_ERROR");
		expectError(fixture.post("/api/v1/orders", token, "{\"items\":[" + item(sku, 1) + "]}"), 400,
				"VALIDATION_ERROR");
		String badCountry = orderBody(sku, 1).replace("\"DE\"", "\"XX\"");
		expectError(fixture.post("/api/v1/orders", token, badCountry), 400, "VALIDATION_ERROR");
		String longNote = orderWith("\"note\":\"" + "x".repeat(501) + "\"", item(sku, 1));
		expectError(fixture.post("/api/v1/orders", token, longNote), 400, "VALIDATION_ERROR");
	}

	@Test
	void mergesRepeatedSkus() {
		String sku = fixture.product(100, "EUR");
		JsonNode order = fixture.place(alice, orderOf(item(sku, 2), item(sku, 3)));
		assertThat(order.get("lines")).hasSize(1);
		assertThat(order.at("/lines/0/quantity").asInt()).isEqualTo(5);
	}

	@Test
	void requiresAuthentication() {
		fixture.http.post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void placesThroughTheNestedPathOnlyForTheCallerUnlessAdmin() {
		String sku = fixture.product(100, "EUR");
		fixture.post("/api/v1/users/{userId}/orders", fixture.user(alice), orderBody(sku, 1), alice)
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.data.userId").isEqualTo(alice.toString());
		expectError(fixture.post("/api/v1/users/{userId}/orders", fixture.user(alice), orderBody(sku, 1), bob),
				404, "NOT_FOUND");
		fixture.post("/api/v1/users/{userId}/orders", fixture.admin(), orderBody(sku, 1), bob)
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.data.userId").isEqualTo(bob.toString());
	}

	// --- idempotency -----------------------------------------------------------------------

	@Test
	void replaysTheOriginalResponseForTheSameKeyAndBody() {
		String sku = fixture.product(100, "EUR");
		String key = "key-" + UUID.randomUUID();
		var first = fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 1))
			.expectStatus().isCreated().returnResult(String.class);
		// Same request, other formatting and property order: still the same request.
		String reordered = "{ \"shippingAddress\": %s, \"items\": [ {\"quantity\": 1, \"sku\": \"%s\"} ] }"
			.formatted(ADDRESS, sku);
		var replay = fixture.placeWithKey("/api/v1/orders", alice, key, reordered)
			.expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true")
			.returnResult(String.class);
		assertThat(replay.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(replay.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		// The nested path shares the key space of the caller.
		fixture.placeWithKey("/api/v1/users/{userId}/orders", alice, key, orderBody(sku, 1), alice)
			.expectStatus().isCreated()
			.expectBody(String.class).isEqualTo(first.getResponseBody());
		assertThat(countOrdersOf(alice, sku)).isEqualTo(1);
	}

	@Test
	void refusesTheSameKeyForAnotherBody() {
		String sku = fixture.product(100, "EUR");
		String key = "key-" + UUID.randomUUID();
		fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 1)).expectStatus().isCreated();
		expectError(fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 2)), 422,
				"IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void scopesKeysPerUser() {
		String sku = fixture.product(100, "EUR");
		String key = "shared-" + UUID.randomUUID();
		String first = fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 1))
			.expectStatus().isCreated().returnResult(String.class).getResponseBody();
		String second = fixture.placeWithKey("/api/v1/orders", bob, key, orderBody(sku, 1))
			.expectStatus().isCreated().returnResult(String.class).getResponseBody();
		assertThat(fixture.read(second).at("/data/id")).isNotEqualTo(fixture.read(first).at("/data/id"));
	}

	@Test
	void refusesAKeyWhileItsFirstRequestIsInProgressAndFreesItWhenThatRollsBack(
			@Autowired TransactionTemplate transactions, @Autowired IdempotencyKeys keys,
			@Autowired IdempotentOrderResponses placement) throws Exception {
		String sku = fixture.product(100, "EUR");
		String key = "busy-" + UUID.randomUUID();
		String body = orderBody(sku, 1);
		String hash = placement.hash(alice, fixture.json.readValue(body, OrderRequests.OrderRequest.class));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// the first request holds the key in its open transaction, then fails (or its instance dies)
		try (ExecutorService first = Executors.newSingleThreadExecutor()) {
			Future<?> inProgress = first.submit(() -> transactions.executeWithoutResult(status -> {
				keys.lockOrReplay(alice, key, hash);
				locked.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				status.setRollbackOnly();
			}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			expectError(fixture.placeWithKey("/api/v1/orders", alice, key, body), 409, "IDEMPOTENCY_KEY_IN_USE");
			release.countDown();
			inProgress.get(10, TimeUnit.SECONDS);
		}
		// the key is free the moment the first transaction rolled back: no timeout to wait for
		fixture.placeWithKey("/api/v1/orders", alice, key, body).expectStatus().isCreated();
		fixture.placeWithKey("/api/v1/orders", alice, key, body).expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true");
		assertThat(countOrdersOf(alice, sku)).isEqualTo(1);
	}

	@Test
	void placesOnlyOneOrderForConcurrentDuplicates() throws Exception {
		String sku = fixture.product(100, "EUR");
		String key = "race-" + UUID.randomUUID();
		List<Integer> statuses = race(4, () -> fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 1))
			.returnResult(String.class).getStatus().value());
		assertThat(statuses).contains(201).allSatisfy(status -> assertThat(status).isIn(201, 409));
		assertThat(countOrdersOf(alice, sku)).isEqualTo(1);
	}

	@Test
	void validatesTheKeyFormat() {
		String sku = fixture.product(100, "EUR");
		expectError(fixture.placeWithKey("/api/v1/orders", alice, "x".repeat(256), orderBody(sku, 1)), 400,
				"VALIDATION_ERROR");
		expectError(fixture.placeWithKey("/api/v1/orders", alice, "   ", orderBody(sku, 1)), 400,
				"VALIDATION_ERROR");
	}

	@Test
	void releasesTheKeyWhenPlacingFails() {
		String key = "fail-" + UUID.randomUUID();
		String sku = OrdersApiFixture.newSku("LATER");
		expectError(fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 1)), 422,
				"UNKNOWN_PRODUCT");
		fixture.putProduct(sku, fixture.admin(), OrdersApiFixture.productBody("Later", 100, "EUR")).expectStatus()
			.isCreated();
		fixture.placeWithKey("/api/v1/orders", alice, key, orderBody(sku, 1)).expectStatus().isCreated();
	}

	// --- reading, ETags, BOLA --------------------------------------------------------------

	@Test
	void servesAnOrderWithAStrongEtagAndHonoursIfNoneMatch() {
		UUID id = fixture.placeOrder(alice);
		var result = fixture.get("/api/v1/orders/{id}", fixture.user(alice), id)
			.expectStatus().isOk().returnResult(String.class);
		String etag = result.getResponseHeaders().getETag();
		long version = fixture.read(result.getResponseBody()).at("/data/version").asLong();
		assertThat(etag).isEqualTo("\"" + version + "\"");
		fixture.http.get().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isNotModified()
			.expectHeader().valueEquals(HttpHeaders.ETAG, etag)
			.expectBody().isEmpty();
		fixture.http.get().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_NONE_MATCH, "\"999\"").exchange()
			.expectStatus().isOk();
		fixture.get("/api/v1/orders/{id}", fixture.admin(), id).expectStatus().isOk();
	}

	@Test
	void hidesAnotherUsersOrderBehind404() {
		String sku = fixture.product(100, "EUR");
		UUID id = fixture.placeOrder(alice, sku, 1);
		String mallory = fixture.user(bob);
		expectError(fixture.get("/api/v1/orders/{id}", mallory, id), 404, "NOT_FOUND");
		expectError(fixture.send(HttpMethod.PUT, "/api/v1/orders/{id}", mallory, orderBody(sku, 2), id), 404,
				"NOT_FOUND");
		expectError(fixture.send(HttpMethod.PATCH, "/api/v1/orders/{id}", mallory, "{\"note\":\"mine now\"}", id), 404,
				"NOT_FOUND");
		expectError(fixture.post("/api/v1/orders/{id}/cancel", mallory, null, id), 404, "NOT_FOUND");
		expectError(fixture.post("/api/v1/orders/{id}/deliver", mallory, null, id), 404, "NOT_FOUND");
		expectError(fixture.send(HttpMethod.DELETE, "/api/v1/orders/{id}", mallory, null, id), 404, "NOT_FOUND");
		expectError(fixture.get("/api/v1/users/{userId}/orders", mallory, alice), 404, "NOT_FOUND");
		expectError(fixture.get("/api/v1/orders?userId={userId}", mallory, alice), 404, "NOT_FOUND");
		expectError(fixture.get("/api/v1/orders/{id}", mallory, UUID.randomUUID()), 404, "NOT_FOUND");
		expectError(fixture.get("/api/v1/orders/not-a-uuid", mallory), 400, "VALIDATION_ERROR");
	}

	// --- changing --------------------------------------------------------------------------

	@Test
	void patchesAddressAndNoteHonouringIfMatch() {
		UUID id = fixture.placeOrder(alice);
		String etag = fixture.etagOf(id, alice);
		String newEtag = fixture.http.patch().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON)
			.body("{\"note\":\"second floor\",\"shippingAddress\":" + ADDRESS.replace("Berlin", "Hamburg") + "}")
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.note").isEqualTo("second floor")
			.jsonPath("$.data.shippingAddress.city").isEqualTo("Hamburg")
			.returnResult().getResponseHeaders().getETag();
		assertThat(newEtag).isNotEqualTo(etag);
		// A client that read before that change gets 412 and nothing is lost.
		fixture.http.patch().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON).body("{\"note\":\"stale\"}")
			.exchange()
			.expectStatus().isEqualTo(412)
			.expectBody().jsonPath("$.error.code").isEqualTo("PRECONDITION_FAILED");
		// If-Match is optional; an empty note removes the note.
		fixture.send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.user(alice), "{\"note\":\"\"}", id)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.note").isEmpty()
			.jsonPath("$.data.shippingAddress.city").isEqualTo("Hamburg");
		expectError(fixture.send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.user(alice), "{\"items\":[]}", id), 400,
				"VALIDATION_ERROR");
	}

	@Test
	void replacesItemsAtTodaysPrices() {
		String sku = fixture.product(100, "EUR");
		UUID id = fixture.placeOrder(alice, sku, 1);
		fixture.putProduct(sku, fixture.admin(), OrdersApiFixture.productBody("Dearer", 300, "EUR")).expectStatus().isOk();
		fixture.send(HttpMethod.PUT, "/api/v1/orders/{id}", fixture.user(alice), orderBody(sku, 2), id)
			.expectStatus().isOk()
			.expectHeader().exists(HttpHeaders.ETAG)
			.expectBody()
			.jsonPath("$.data.lines[0].unitPrice").isEqualTo(300)
			.jsonPath("$.data.lines[0].name").isEqualTo("Dearer")
			.jsonPath("$.data.total").isEqualTo(600);
		expectError(fixture.send(HttpMethod.PUT, "/api/v1/orders/{id}", fixture.user(alice),
				orderBody(OrdersApiFixture.newSku("GONE"), 1), id), 422,
				"UNKNOWN_PRODUCT");
	}

	@Test
	void letsOnlyTheOwnerEditAndOnlyWhilePlaced() {
		String sku = fixture.product(100, "EUR");
		UUID id = fixture.placeOrder(alice, sku, 1);
		expectError(fixture.send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.admin(), "{\"note\":\"admin\"}", id), 403,
				"FORBIDDEN");
		fixture.adminPost(id, "confirm", null);
		expectError(fixture.send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.user(alice), "{\"note\":\"late\"}", id), 409,
				"ORDER_NOT_EDITABLE");
		expectError(fixture.send(HttpMethod.PUT, "/api/v1/orders/{id}", fixture.user(alice), orderBody(sku, 1), id),
				409, "ORDER_NOT_EDITABLE");
	}

	@Test
	void neverLosesAnUpdateBetweenTwoConcurrentWriters() throws Exception {
		UUID id = fixture.placeOrder(alice);
		String etag = fixture.etagOf(id, alice);
		List<Integer> statuses = race(2, () -> fixture.http.patch().uri("/api/v1/orders/{id}", id)
			.header(HttpHeaders.AUTHORIZATION, fixture.user(alice)).header(HttpHeaders.IF_MATCH, etag)
			.contentType(MediaType.APPLICATION_JSON).body("{\"note\":\"" + UUID.randomUUID() + "\"}")
			.exchange().returnResult(String.class).getStatus().value());
		assertThat(statuses).containsExactlyInAnyOrder(200, 412);
	}

	// --- lifecycle -------------------------------------------------------------------------

	@Test
	void walksAnOrderThroughItsLifecycle() {
		UUID id = fixture.placeOrder(alice);
		fixture.post("/api/v1/orders/{id}/confirm", fixture.admin(), null, id)
			.expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("CONFIRMED");
		expectError(fixture.post("/api/v1/orders/{id}/ship", fixture.admin(), "{}", id), 400, "VALIDATION_ERROR");
		fixture.post("/api/v1/orders/{id}/ship", fixture.admin(), "{\"trackingNumber\":\"TRK-1\"}", id)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.status").isEqualTo("SHIPPED")
			.jsonPath("$.data.trackingNumber").isEqualTo("TRK-1");
		expectError(fixture.post("/api/v1/orders/{id}/cancel", fixture.user(alice), null, id), 409,
				"INVALID_STATE_TRANSITION");
		fixture.post("/api/v1/orders/{id}/deliver", fixture.admin(), null, id)
			.expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("DELIVERED");
		expectError(fixture.post("/api/v1/orders/{id}/confirm", fixture.admin(), null, id), 409,
				"INVALID_STATE_TRANSITION");
	}

	@Test
	void rejectsTransitionsTheLifecycleDoesNotAllow() {
		UUID id = fixture.placeOrder(alice);
		expectError(fixture.post("/api/v1/orders/{id}/deliver", fixture.admin(), null, id), 409,
				"INVALID_STATE_TRANSITION");
		expectError(fixture.post("/api/v1/orders/{id}/ship", fixture.admin(), "{\"trackingNumber\":\"T\"}", id),
				409, "INVALID_STATE_TRANSITION");
	}

	@Test
	void letsTheOwnerCancelWithAReasonButNotConfirmShipOrDeliver() {
		UUID id = fixture.placeOrder(alice);
		String owner = fixture.user(alice);
		expectError(fixture.post("/api/v1/orders/{id}/confirm", owner, null, id), 403, "FORBIDDEN");
		expectError(fixture.post("/api/v1/orders/{id}/ship", owner, "{\"trackingNumber\":\"T\"}", id), 403,
				"FORBIDDEN");
		expectError(fixture.post("/api/v1/orders/{id}/deliver", owner, null, id), 403, "FORBIDDEN");
		expectError(fixture.post("/api/v1/orders/{id}/cancel", owner, "{\"reason\":\"x\",\"refund\":1}", id),
				400, "VALIDATION_ERROR");
		expectError(fixture.http.post().uri("/api/v1/orders/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, owner)
			.header(HttpHeaders.IF_MATCH, "\"12345\"").exchange(), 412, "PRECONDITION_FAILED");
		fixture.post("/api/v1/orders/{id}/cancel", owner, "{\"reason\":\"found it cheaper\"}", id)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.status").isEqualTo("CANCELLED")
			.jsonPath("$.data.cancellationReason").isEqualTo("found it cheaper");
		expectError(fixture.post("/api/v1/orders/{id}/cancel", owner, null, id), 409, "INVALID_STATE_TRANSITION");
	}

	@Test
	void letsExactlyOneOfTwoConcurrentTransitionsWin() throws Exception {
		for (int round = 0; round < 3; round++) {
			UUID id = fixture.placeOrder(alice);
			fixture.adminPost(id, "confirm", null);
			List<Integer> statuses = race(
					() -> fixture.post("/api/v1/orders/{id}/cancel", fixture.user(alice), null, id)
						.returnResult(String.class).getStatus().value(),
					() -> fixture.post("/api/v1/orders/{id}/ship", fixture.admin(), "{\"trackingNumber\":\"T\"}", id)
						.returnResult(String.class).getStatus().value());
			assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		}
	}

	@Test
	void softDeletesForAdminsOnly() {
		UUID id = fixture.placeOrder(alice);
		expectError(fixture.send(HttpMethod.DELETE, "/api/v1/orders/{id}", fixture.user(alice), null, id), 403, "FORBIDDEN");
		fixture.send(HttpMethod.DELETE, "/api/v1/orders/{id}", fixture.admin(), null, id).expectStatus().isNoContent();
		expectError(fixture.get("/api/v1/orders/{id}", fixture.admin(), id), 404, "NOT_FOUND");
		expectError(fixture.get("/api/v1/orders/{id}", fixture.user(alice), id), 404, "NOT_FOUND");
		expectError(fixture.send(HttpMethod.DELETE, "/api/v1/orders/{id}", fixture.admin(), null, id), 404, "NOT_FOUND");
		fixture.get("/api/v1/orders", fixture.user(alice)).expectStatus().isOk()
			.expectBody().jsonPath("$.data[?(@.id=='" + id + "')]").isEmpty();
	}

	// --- lists -----------------------------------------------------------------------------

	@Test
	void listsOwnOrdersNewestFirstPageByPage() {
		UUID carol = UUID.randomUUID();
		String sku = fixture.product(100, "EUR");
		UUID first = fixture.placeOrder(carol, sku, 1);
		UUID second = fixture.placeOrder(carol, sku, 2);
		UUID third = fixture.placeOrder(carol, sku, 3);
		fixture.placeOrder(bob, sku, 1);
		byte[] page1 = fixture.get("/api/v1/orders?limit=2", fixture.user(carol))
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(2)
			.jsonPath("$.data[0].id").isEqualTo(third.toString())
			.jsonPath("$.data[1].id").isEqualTo(second.toString())
			.jsonPath("$.data[0].lines.length()").isEqualTo(1)
			.jsonPath("$.meta.limit").isEqualTo(2)
			.returnResult().getResponseBody();
		String next = fixture.json.readTree(page1).at("/meta/nextCursor").asString();
		fixture.get("/api/v1/users/{userId}/orders?limit=2&cursor={cursor}", fixture.user(carol), carol, next)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].id").isEqualTo(first.toString())
			.jsonPath("$.meta.nextCursor").isEmpty();
	}

	@Test
	void filtersByStatusAndCreationTime() {
		UUID dave = UUID.randomUUID();
		String sku = fixture.product(100, "EUR");
		UUID placed = fixture.placeOrder(dave, sku, 1);
		UUID confirmed = fixture.placeOrder(dave, sku, 1);
		fixture.adminPost(confirmed, "confirm", null);
		fixture.get("/api/v1/orders?status=CONFIRMED", fixture.user(dave))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.length()").isEqualTo(1).jsonPath("$.data[0].id").isEqualTo(confirmed.toString());
		fixture.get("/api/v1/orders?createdAfter=2000-01-01T00:00:00Z&createdBefore=2001-01-01T00:00:00Z",
				fixture.user(dave))
			.expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(0);
		fixture.get("/api/v1/orders?createdAfter=2000-01-01T00:00:00Z", fixture.user(dave))
			.expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(2);
		fixture.get("/api/v1/orders?userId={id}&status=PLACED", fixture.admin(), dave)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.length()").isEqualTo(1).jsonPath("$.data[0].id").isEqualTo(placed.toString());
		fixture.get("/api/v1/orders?limit=2", fixture.admin()).expectStatus().isOk()
			.expectBody().jsonPath("$.data.length()").isEqualTo(2).jsonPath("$.meta.nextCursor").isNotEmpty();
	}

	@Test
	void rejectsInvalidFilters() {
		String token = fixture.user(alice);
		expectError(fixture.get("/api/v1/orders?status=LOST", token), 400, "VALIDATION_ERROR");
		expectError(fixture.get("/api/v1/orders?createdAfter=yesterday", token), 400, "VALIDATION_ERROR");
		expectError(fixture.get("/api/v1/orders?createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z",
				token), 400, "VALIDATION_ERROR");
		expectError(fixture.get("/api/v1/orders?limit=0", token), 400, "VALIDATION_ERROR");
		expectError(fixture.get("/api/v1/orders?cursor=forged", token), 400, "VALIDATION_ERROR");
		expectError(fixture.get("/api/v1/orders?userId=nope", fixture.admin()), 400, "VALIDATION_ERROR");
	}

	// --- helpers ---------------------------------------------------------------------------

	@Autowired
	JdbcClient jdbc;

	long countOrdersOf(UUID user, String sku) {
		return jdbc.sql("""
				SELECT count(*) FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id
				WHERE o.user_id = :user AND l.sku = :sku""")
			.param("user", user).param("sku", sku).query(Long.class).single();
	}
}
