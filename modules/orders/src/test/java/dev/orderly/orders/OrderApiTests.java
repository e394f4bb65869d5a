package dev.orderly.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/orders} over real HTTP: every endpoint, every error path of the contract. */
@OrdersHttpTest
class OrderApiTests {

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	JsonMapper json;

	OrdersApiFixture fixture;

	final UUID alice = UUID.randomUUID();

	final UUID bob = UUID.randomUUID();

	@BeforeEach
	void setUp() {
		fixture = new OrdersApiFixture(http, tokens, json);
	}

	RestTestClient.ResponseSpec post(String uri, String token, String body, Object... vars) {
		return http.post().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	RestTestClient.ResponseSpec send(HttpMethod method, String uri, String token, String body, Object... vars) {
		var spec = http.method(method).uri(uri, vars).header(HttpHeaders.AUTHORIZATION, token);
		if (body != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return spec.exchange();
	}

	void expectError(RestTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.error.code").isEqualTo(code);
	}

	// --- placing ---------------------------------------------------------------------------

	@Test
	void placesAnOrderPricedOnTheServerWithDiscountOverOneHundred() {
		String widget = fixture.product(4000, "EUR");
		String gadget = fixture.product(2501, "EUR");
		String body = """
				{"items":[{"sku":"%s","quantity":2},{"sku":"%s","quantity":1}],"shippingAddress":%s,"note":"leave at door"}"""
			.formatted(widget, gadget, OrdersApiFixture.ADDRESS);
		String response = post("/api/v1/orders", fixture.user(alice), body)
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
		JsonNode order = fixture.place(alice, OrdersApiFixture.orderBody(sku, 2));
		assertThat(order.get("discount").asLong()).isZero();
		assertThat(order.get("total").asLong()).isEqualTo(10000);
	}

	@Test
	void refusesAPriceSentByTheClient() {
		String sku = fixture.product(100, "EUR");
		String body = "{\"items\":[{\"sku\":\"%s\",\"quantity\":1,\"unitPrice\":1}],\"shippingAddress\":%s}"
			.formatted(sku, OrdersApiFixture.ADDRESS);
		expectError(post("/api/v1/orders", fixture.user(alice), body), 400, "VALIDATION_ERROR");
		String total = "{\"items\":[{\"sku\":\"%s\",\"quantity\":1}],\"shippingAddress\":%s,\"total\":1}"
			.formatted(sku, OrdersApiFixture.ADDRESS);
		expectError(post("/api/v1/orders", fixture.user(alice), total), 400, "VALIDATION_ERROR");
	}

	@Test
	void rejectsUnknownAndInactiveProductsNamingTheSku() {
		String inactive = fixture.product(100, "EUR");
		send(HttpMethod.DELETE, "/api/v1/products/{sku}", fixture.admin(), null, inactive).expectStatus().isNoContent();
		String body = """
				{"items":[{"sku":"NO-SUCH-SKU-%s","quantity":1},{"sku":"%s","quantity":1}],"shippingAddress":%s}"""
			.formatted(UUID.randomUUID().toString().substring(0, 8), inactive, OrdersApiFixture.ADDRESS);
		post("/api/v1/orders", fixture.user(alice), body)
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
		String body = "{\"items\":[{\"sku\":\"%s\",\"quantity\":1},{\"sku\":\"%s\",\"quantity\":1}],\"shippingAddress\":%s}"
			.formatted(euro, dollar, OrdersApiFixture.ADDRESS);
		expectError(post("/api/v1/orders", fixture.user(alice), body), 422, "MIXED_CURRENCY");
	}

	@Test
	void validatesQuantitiesItemCountsAndTheAddress() {
		String sku = fixture.product(100, "EUR");
		String token = fixture.user(alice);
		expectError(post("/api/v1/orders", token, OrdersApiFixture.orderBody(sku, 0)), 400, "VALIDATION_ERROR");
		expectError(post("/api/v1/orders", token, OrdersApiFixture.orderBody(sku, 1001)), 400, "VALIDATION_ERROR");
		expectError(post("/api/v1/orders", token, "{\"items\":[],\"shippingAddress\":" + OrdersApiFixture.ADDRESS + "}"),
				400, "VALIDATION_ERROR");
		String tooMany = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(51,
				"{\"sku\":\"" + sku + "\",\"quantity\":1}")) + "],\"shippingAddress\":" + OrdersApiFixture.ADDRESS + "}";
		expectError(post("/api/v1/orders", token, tooMany), 400, "VALIDATION_ERROR");
		String mergedTooMany = "{\"items\":[{\"sku\":\"%s\",\"quantity\":600},{\"sku\":\"%s\",\"quantity\":600}],\"shippingAddress\":%s}"
			.formatted(sku, sku, OrdersApiFixture.ADDRESS);
		expectError(post("/api/v1/orders", token, mergedTooMany), 400, "VALIDATION_ERROR");
		expectError(post("/api/v1/orders", token, "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"), 400,
				"VALIDATION_ERROR");
		String badCountry = OrdersApiFixture.orderBody(sku, 1).replace("\"DE\"", "\"XX\"");
		expectError(post("/api/v1/orders", token, badCountry), 400, "VALIDATION_ERROR");
		String longNote = "{\"items\":[{\"sku\":\"%s\",\"quantity\":1}],\"shippingAddress\":%s,\"note\":\"%s\"}"
			.formatted(sku, OrdersApiFixture.ADDRESS, "x".repeat(501));
		expectError(post("/api/v1/orders", token, longNote), 400, "VALIDATION_ERROR");
	}

	@Test
	void mergesRepeatedSkus() {
		String sku = fixture.product(100, "EUR");
		String body = "{\"items\":[{\"sku\":\"%s\",\"quantity\":2},{\"sku\":\"%s\",\"quantity\":3}],\"shippingAddress\":%s}"
			.formatted(sku, sku, OrdersApiFixture.ADDRESS);
		JsonNode order = fixture.place(alice, body);
		assertThat(order.get("lines")).hasSize(1);
		assertThat(order.at("/lines/0/quantity").asInt()).isEqualTo(5);
	}

	@Test
	void requiresAuthentication() {
		http.post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void placesThroughTheNestedPathOnlyForTheCallerUnlessAdmin() {
		String sku = fixture.product(100, "EUR");
		post("/api/v1/users/{userId}/orders", fixture.user(alice), OrdersApiFixture.orderBody(sku, 1), alice)
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.data.userId").isEqualTo(alice.toString());
		expectError(post("/api/v1/users/{userId}/orders", fixture.user(alice), OrdersApiFixture.orderBody(sku, 1), bob),
				404, "NOT_FOUND");
		post("/api/v1/users/{userId}/orders", fixture.admin(), OrdersApiFixture.orderBody(sku, 1), bob)
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.data.userId").isEqualTo(bob.toString());
	}

	// --- idempotency -----------------------------------------------------------------------

	RestTestClient.ResponseSpec placeWithKey(String uri, UUID user, String key, String body, Object... vars) {
		return http.post().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, fixture.user(user))
			.header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	@Test
	void replaysTheOriginalResponseForTheSameKeyAndBody() {
		String sku = fixture.product(100, "EUR");
		String key = "key-" + UUID.randomUUID();
		var first = placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 1))
			.expectStatus().isCreated().returnResult(String.class);
		// Same request, other formatting and property order: still the same request.
		String reordered = "{ \"shippingAddress\": %s, \"items\": [ {\"quantity\": 1, \"sku\": \"%s\"} ] }"
			.formatted(OrdersApiFixture.ADDRESS, sku);
		var replay = placeWithKey("/api/v1/orders", alice, key, reordered)
			.expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true")
			.returnResult(String.class);
		assertThat(replay.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(replay.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		// The nested path shares the key space of the caller.
		placeWithKey("/api/v1/users/{userId}/orders", alice, key, OrdersApiFixture.orderBody(sku, 1), alice)
			.expectStatus().isCreated()
			.expectBody(String.class).isEqualTo(first.getResponseBody());
		assertThat(countOrdersOf(alice, sku)).isEqualTo(1);
	}

	@Test
	void refusesTheSameKeyForAnotherBody() {
		String sku = fixture.product(100, "EUR");
		String key = "key-" + UUID.randomUUID();
		placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 1)).expectStatus().isCreated();
		expectError(placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 2)), 422,
				"IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void scopesKeysPerUser() {
		String sku = fixture.product(100, "EUR");
		String key = "shared-" + UUID.randomUUID();
		String first = placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 1))
			.expectStatus().isCreated().returnResult(String.class).getResponseBody();
		String second = placeWithKey("/api/v1/orders", bob, key, OrdersApiFixture.orderBody(sku, 1))
			.expectStatus().isCreated().returnResult(String.class).getResponseBody();
		assertThat(fixture.read(second).at("/data/id")).isNotEqualTo(fixture.read(first).at("/data/id"));
	}

	@Test
	void refusesAKeyWhileItsFirstRequestIsInProgressAndFreesItWhenThatRollsBack(
			@Autowired org.springframework.transaction.support.TransactionTemplate transactions,
			@Autowired IdempotencyKeys keys, @Autowired IdempotentOrderPlacement placement) throws Exception {
		String sku = fixture.product(100, "EUR");
		String key = "busy-" + UUID.randomUUID();
		String body = OrdersApiFixture.orderBody(sku, 1);
		String hash = placement.hash(alice, json.readValue(body, OrderRequests.OrderRequest.class));
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
			assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			expectError(placeWithKey("/api/v1/orders", alice, key, body), 409, "IDEMPOTENCY_KEY_IN_USE");
			release.countDown();
			inProgress.get(10, java.util.concurrent.TimeUnit.SECONDS);
		}
		// the key is free the moment the first transaction rolled back: no timeout to wait for
		placeWithKey("/api/v1/orders", alice, key, body).expectStatus().isCreated();
		placeWithKey("/api/v1/orders", alice, key, body).expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true");
		assertThat(countOrdersOf(alice, sku)).isEqualTo(1);
	}

	@Test
	void placesOnlyOneOrderForConcurrentDuplicates() throws Exception {
		String sku = fixture.product(100, "EUR");
		String key = "race-" + UUID.randomUUID();
		List<Integer> statuses = race(4, () -> placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 1))
			.returnResult(String.class).getStatus().value());
		assertThat(statuses).contains(201).allSatisfy(status -> assertThat(status).isIn(201, 409));
		assertThat(countOrdersOf(alice, sku)).isEqualTo(1);
	}

	@Test
	void validatesTheKeyFormat() {
		String sku = fixture.product(100, "EUR");
		expectError(placeWithKey("/api/v1/orders", alice, "x".repeat(256), OrdersApiFixture.orderBody(sku, 1)), 400,
				"VALIDATION_ERROR");
		expectError(placeWithKey("/api/v1/orders", alice, "   ", OrdersApiFixture.orderBody(sku, 1)), 400,
				"VALIDATION_ERROR");
	}

	@Test
	void releasesTheKeyWhenPlacingFails() {
		String key = "fail-" + UUID.randomUUID();
		String sku = "LATER-" + UUID.randomUUID().toString().substring(0, 8);
		expectError(placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 1)), 422,
				"UNKNOWN_PRODUCT");
		send(HttpMethod.PUT, "/api/v1/products/{sku}", fixture.admin(),
				"{\"name\":\"Later\",\"unitPrice\":100,\"currency\":\"EUR\"}", sku).expectStatus().isCreated();
		placeWithKey("/api/v1/orders", alice, key, OrdersApiFixture.orderBody(sku, 1)).expectStatus().isCreated();
	}

	// --- reading, ETags, BOLA --------------------------------------------------------------

	@Test
	void servesAnOrderWithAStrongEtagAndHonoursIfNoneMatch() {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		var result = send(HttpMethod.GET, "/api/v1/orders/{id}", fixture.user(alice), null, id)
			.expectStatus().isOk().returnResult(String.class);
		String etag = result.getResponseHeaders().getETag();
		long version = fixture.read(result.getResponseBody()).at("/data/version").asLong();
		assertThat(etag).isEqualTo("\"" + version + "\"");
		http.get().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isNotModified();
		http.get().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_NONE_MATCH, "\"999\"").exchange()
			.expectStatus().isOk();
		send(HttpMethod.GET, "/api/v1/orders/{id}", fixture.admin(), null, id).expectStatus().isOk();
	}

	@Test
	void hidesAnotherUsersOrderBehind404() {
		String sku = fixture.product(100, "EUR");
		UUID id = fixture.placeOrder(alice, sku, 1);
		String mallory = fixture.user(bob);
		expectError(send(HttpMethod.GET, "/api/v1/orders/{id}", mallory, null, id), 404, "NOT_FOUND");
		expectError(send(HttpMethod.PUT, "/api/v1/orders/{id}", mallory, OrdersApiFixture.orderBody(sku, 2), id), 404,
				"NOT_FOUND");
		expectError(send(HttpMethod.PATCH, "/api/v1/orders/{id}", mallory, "{\"note\":\"mine now\"}", id), 404,
				"NOT_FOUND");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/cancel", mallory, null, id), 404, "NOT_FOUND");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/deliver", mallory, null, id), 404, "NOT_FOUND");
		expectError(send(HttpMethod.DELETE, "/api/v1/orders/{id}", mallory, null, id), 404, "NOT_FOUND");
		expectError(send(HttpMethod.GET, "/api/v1/users/{userId}/orders", mallory, null, alice), 404, "NOT_FOUND");
		expectError(send(HttpMethod.GET, "/api/v1/orders?userId={userId}", mallory, null, alice), 404, "NOT_FOUND");
		expectError(send(HttpMethod.GET, "/api/v1/orders/{id}", mallory, null, UUID.randomUUID()), 404, "NOT_FOUND");
		expectError(send(HttpMethod.GET, "/api/v1/orders/not-a-uuid", mallory, null), 400, "VALIDATION_ERROR");
	}

	// --- changing --------------------------------------------------------------------------

	@Test
	void patchesAddressAndNoteHonouringIfMatch() {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		String etag = send(HttpMethod.GET, "/api/v1/orders/{id}", fixture.user(alice), null, id)
			.returnResult(String.class).getResponseHeaders().getETag();
		String newEtag = http.patch().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON)
			.body("{\"note\":\"second floor\",\"shippingAddress\":" + OrdersApiFixture.ADDRESS.replace("Berlin", "Hamburg") + "}")
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.note").isEqualTo("second floor")
			.jsonPath("$.data.shippingAddress.city").isEqualTo("Hamburg")
			.returnResult().getResponseHeaders().getETag();
		assertThat(newEtag).isNotEqualTo(etag);
		// A client that read before that change gets 412 and nothing is lost.
		http.patch().uri("/api/v1/orders/{id}", id).header(HttpHeaders.AUTHORIZATION, fixture.user(alice))
			.header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON).body("{\"note\":\"stale\"}")
			.exchange()
			.expectStatus().isEqualTo(412)
			.expectBody().jsonPath("$.error.code").isEqualTo("PRECONDITION_FAILED");
		// If-Match is optional; an empty note removes the note.
		send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.user(alice), "{\"note\":\"\"}", id)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.note").isEmpty()
			.jsonPath("$.data.shippingAddress.city").isEqualTo("Hamburg");
		expectError(send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.user(alice), "{\"items\":[]}", id), 400,
				"VALIDATION_ERROR");
	}

	@Test
	void replacesItemsAtTodaysPrices() {
		String sku = fixture.product(100, "EUR");
		UUID id = fixture.placeOrder(alice, sku, 1);
		send(HttpMethod.PUT, "/api/v1/products/{sku}", fixture.admin(),
				"{\"name\":\"Dearer\",\"unitPrice\":300,\"currency\":\"EUR\"}", sku).expectStatus().isOk();
		send(HttpMethod.PUT, "/api/v1/orders/{id}", fixture.user(alice), OrdersApiFixture.orderBody(sku, 2), id)
			.expectStatus().isOk()
			.expectHeader().exists(HttpHeaders.ETAG)
			.expectBody()
			.jsonPath("$.data.lines[0].unitPrice").isEqualTo(300)
			.jsonPath("$.data.lines[0].name").isEqualTo("Dearer")
			.jsonPath("$.data.total").isEqualTo(600);
		expectError(send(HttpMethod.PUT, "/api/v1/orders/{id}", fixture.user(alice),
				OrdersApiFixture.orderBody("GONE-" + UUID.randomUUID().toString().substring(0, 6), 1), id), 422,
				"UNKNOWN_PRODUCT");
	}

	@Test
	void letsOnlyTheOwnerEditAndOnlyWhilePlaced() {
		String sku = fixture.product(100, "EUR");
		UUID id = fixture.placeOrder(alice, sku, 1);
		expectError(send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.admin(), "{\"note\":\"admin\"}", id), 403,
				"FORBIDDEN");
		fixture.adminPost(id, "confirm", null);
		expectError(send(HttpMethod.PATCH, "/api/v1/orders/{id}", fixture.user(alice), "{\"note\":\"late\"}", id), 409,
				"ORDER_NOT_EDITABLE");
		expectError(send(HttpMethod.PUT, "/api/v1/orders/{id}", fixture.user(alice), OrdersApiFixture.orderBody(sku, 1), id),
				409, "ORDER_NOT_EDITABLE");
	}

	@Test
	void neverLosesAnUpdateBetweenTwoConcurrentWriters() throws Exception {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		String etag = send(HttpMethod.GET, "/api/v1/orders/{id}", fixture.user(alice), null, id)
			.returnResult(String.class).getResponseHeaders().getETag();
		List<Integer> statuses = race(2, () -> http.patch().uri("/api/v1/orders/{id}", id)
			.header(HttpHeaders.AUTHORIZATION, fixture.user(alice)).header(HttpHeaders.IF_MATCH, etag)
			.contentType(MediaType.APPLICATION_JSON).body("{\"note\":\"" + UUID.randomUUID() + "\"}")
			.exchange().returnResult(String.class).getStatus().value());
		assertThat(statuses).containsExactlyInAnyOrder(200, 412);
	}

	// --- lifecycle -------------------------------------------------------------------------

	@Test
	void walksAnOrderThroughItsLifecycle() {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		send(HttpMethod.POST, "/api/v1/orders/{id}/confirm", fixture.admin(), null, id)
			.expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("CONFIRMED");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/ship", fixture.admin(), "{}", id), 400, "VALIDATION_ERROR");
		send(HttpMethod.POST, "/api/v1/orders/{id}/ship", fixture.admin(), "{\"trackingNumber\":\"TRK-1\"}", id)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.status").isEqualTo("SHIPPED")
			.jsonPath("$.data.trackingNumber").isEqualTo("TRK-1");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/cancel", fixture.user(alice), null, id), 409,
				"INVALID_STATE_TRANSITION");
		send(HttpMethod.POST, "/api/v1/orders/{id}/deliver", fixture.admin(), null, id)
			.expectStatus().isOk().expectBody().jsonPath("$.data.status").isEqualTo("DELIVERED");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/confirm", fixture.admin(), null, id), 409,
				"INVALID_STATE_TRANSITION");
	}

	@Test
	void rejectsTransitionsTheLifecycleDoesNotAllow() {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/deliver", fixture.admin(), null, id), 409,
				"INVALID_STATE_TRANSITION");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/ship", fixture.admin(), "{\"trackingNumber\":\"T\"}", id),
				409, "INVALID_STATE_TRANSITION");
	}

	@Test
	void letsTheOwnerCancelWithAReasonButNotConfirmShipOrDeliver() {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		String owner = fixture.user(alice);
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/confirm", owner, null, id), 403, "FORBIDDEN");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/ship", owner, "{\"trackingNumber\":\"T\"}", id), 403,
				"FORBIDDEN");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/deliver", owner, null, id), 403, "FORBIDDEN");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/cancel", owner, "{\"reason\":\"x\",\"refund\":1}", id),
				400, "VALIDATION_ERROR");
		expectError(http.post().uri("/api/v1/orders/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, owner)
			.header(HttpHeaders.IF_MATCH, "\"12345\"").exchange(), 412, "PRECONDITION_FAILED");
		send(HttpMethod.POST, "/api/v1/orders/{id}/cancel", owner, "{\"reason\":\"found it cheaper\"}", id)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.status").isEqualTo("CANCELLED")
			.jsonPath("$.data.cancellationReason").isEqualTo("found it cheaper");
		expectError(send(HttpMethod.POST, "/api/v1/orders/{id}/cancel", owner, null, id), 409, "INVALID_STATE_TRANSITION");
	}

	@Test
	void letsExactlyOneOfTwoConcurrentTransitionsWin() throws Exception {
		for (int round = 0; round < 3; round++) {
			UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
			fixture.adminPost(id, "confirm", null);
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				Future<Integer> cancel = pool.submit(() -> {
					start.await();
					return send(HttpMethod.POST, "/api/v1/orders/{id}/cancel", fixture.user(alice), null, id)
						.returnResult(String.class).getStatus().value();
				});
				Future<Integer> ship = pool.submit(() -> {
					start.await();
					return send(HttpMethod.POST, "/api/v1/orders/{id}/ship", fixture.admin(), "{\"trackingNumber\":\"T\"}", id)
						.returnResult(String.class).getStatus().value();
				});
				start.countDown();
				assertThat(List.of(cancel.get(), ship.get())).containsExactlyInAnyOrder(200, 409);
			}
			finally {
				pool.shutdown();
			}
		}
	}

	@Test
	void softDeletesForAdminsOnly() {
		UUID id = fixture.placeOrder(alice, fixture.product(100, "EUR"), 1);
		expectError(send(HttpMethod.DELETE, "/api/v1/orders/{id}", fixture.user(alice), null, id), 403, "FORBIDDEN");
		send(HttpMethod.DELETE, "/api/v1/orders/{id}", fixture.admin(), null, id).expectStatus().isNoContent();
		expectError(send(HttpMethod.GET, "/api/v1/orders/{id}", fixture.admin(), null, id), 404, "NOT_FOUND");
		expectError(send(HttpMethod.GET, "/api/v1/orders/{id}", fixture.user(alice), null, id), 404, "NOT_FOUND");
		expectError(send(HttpMethod.DELETE, "/api/v1/orders/{id}", fixture.admin(), null, id), 404, "NOT_FOUND");
		send(HttpMethod.GET, "/api/v1/orders", fixture.user(alice), null).expectStatus().isOk()
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
		byte[] page1 = send(HttpMethod.GET, "/api/v1/orders?limit=2", fixture.user(carol), null)
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(2)
			.jsonPath("$.data[0].id").isEqualTo(third.toString())
			.jsonPath("$.data[1].id").isEqualTo(second.toString())
			.jsonPath("$.data[0].lines.length()").isEqualTo(1)
			.jsonPath("$.meta.limit").isEqualTo(2)
			.returnResult().getResponseBody();
		String next = json.readTree(page1).at("/meta/nextCursor").asString();
		send(HttpMethod.GET, "/api/v1/users/{userId}/orders?limit=2&cursor={cursor}", fixture.user(carol), null, carol, next)
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
		send(HttpMethod.GET, "/api/v1/orders?status=CONFIRMED", fixture.user(dave), null)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.length()").isEqualTo(1).jsonPath("$.data[0].id").isEqualTo(confirmed.toString());
		send(HttpMethod.GET, "/api/v1/orders?createdAfter=2000-01-01T00:00:00Z&createdBefore=2001-01-01T00:00:00Z",
				fixture.user(dave), null)
			.expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(0);
		send(HttpMethod.GET, "/api/v1/orders?createdAfter=2000-01-01T00:00:00Z", fixture.user(dave), null)
			.expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(2);
		send(HttpMethod.GET, "/api/v1/orders?userId={id}&status=PLACED", fixture.admin(), null, dave)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.length()").isEqualTo(1).jsonPath("$.data[0].id").isEqualTo(placed.toString());
		send(HttpMethod.GET, "/api/v1/orders?limit=2", fixture.admin(), null).expectStatus().isOk()
			.expectBody().jsonPath("$.data.length()").isEqualTo(2).jsonPath("$.meta.nextCursor").isNotEmpty();
	}

	@Test
	void rejectsInvalidFilters() {
		String token = fixture.user(alice);
		expectError(send(HttpMethod.GET, "/api/v1/orders?status=LOST", token, null), 400, "VALIDATION_ERROR");
		expectError(send(HttpMethod.GET, "/api/v1/orders?createdAfter=yesterday", token, null), 400, "VALIDATION_ERROR");
		expectError(send(HttpMethod.GET, "/api/v1/orders?createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z",
				token, null), 400, "VALIDATION_ERROR");
		expectError(send(HttpMethod.GET, "/api/v1/orders?limit=0", token, null), 400, "VALIDATION_ERROR");
		expectError(send(HttpMethod.GET, "/api/v1/orders?cursor=forged", token, null), 400, "VALIDATION_ERROR");
		expectError(send(HttpMethod.GET, "/api/v1/orders?userId=nope", fixture.admin(), null), 400, "VALIDATION_ERROR");
	}

	// --- helpers ---------------------------------------------------------------------------

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	long countOrdersOf(UUID user, String sku) {
		return jdbc.sql("""
				SELECT count(*) FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id
				WHERE o.user_id = :user AND l.sku = :sku""")
			.param("user", user).param("sku", sku).query(Long.class).single();
	}

	static <T> List<T> race(int contenders, Callable<T> task) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(contenders);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < contenders; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdown();
		}
	}
}
