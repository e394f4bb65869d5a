package dev.orderly.orders;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;

/** Shared moves of the HTTP tests: products, orders, tokens, JSON. */
final class OrdersApiFixture {

	static final String ADDRESS = """
			{"name":"Ada Lovelace","line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}""";

	final RestTestClient http;

	final TestTokens tokens;

	final JsonMapper json;

	final UUID adminId = UUID.randomUUID();

	OrdersApiFixture(RestTestClient http, TestTokens tokens, JsonMapper json) {
		this.http = http;
		this.tokens = tokens;
		this.json = json;
	}

	String admin() {
		return tokens.bearer(adminId, "ADMIN");
	}

	String user(UUID id) {
		return tokens.bearer(id, "USER");
	}

	String product(long unitPrice, String currency) {
		String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 13);
		http.put().uri("/api/v1/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, admin())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"Product %s\",\"unitPrice\":%d,\"currency\":\"%s\"}".formatted(sku, unitPrice, currency))
			.exchange()
			.expectStatus().isCreated();
		return sku;
	}

	static String orderBody(String sku, int quantity) {
		return "{\"items\":[{\"sku\":\"%s\",\"quantity\":%d}],\"shippingAddress\":%s}".formatted(sku, quantity, ADDRESS);
	}

	JsonNode place(UUID userId, String body) {
		String response = http.post().uri("/api/v1/orders")
			.header(HttpHeaders.AUTHORIZATION, user(userId))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult().getResponseBody();
		return json.readTree(response).get("data");
	}

	UUID placeOrder(UUID userId, String sku, int quantity) {
		return UUID.fromString(place(userId, orderBody(sku, quantity)).get("id").asString());
	}

	JsonNode read(String body) {
		return json.readTree(body);
	}

	void adminPost(UUID orderId, String action, String body) {
		var request = http.post().uri("/api/v1/orders/{id}/{action}", orderId, action)
			.header(HttpHeaders.AUTHORIZATION, admin());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		request.exchange().expectStatus().isOk();
	}
}
