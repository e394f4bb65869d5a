package dev.orderly.orders;

import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;

/** {@code /api/v1/products}: the price list over real HTTP. */
@OrdersHttpTest
class ProductApiTests {

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	JsonMapper json;

	OrdersApiFixture fixture;

	@BeforeEach
	void setUp() {
		fixture = new OrdersApiFixture(http, tokens, json);
	}

	RestTestClient.ResponseSpec put(String sku, String token, String body) {
		return http.put().uri("/api/v1/products/{sku}", sku).header(HttpHeaders.AUTHORIZATION, token)
			.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	static String sku() {
		return "P-" + UUID.randomUUID().toString().substring(0, 13);
	}

	@Test
	void createsThenReplacesAProduct() {
		String sku = sku();
		put(sku, fixture.admin(), "{\"name\":\"Tea\",\"unitPrice\":450,\"currency\":\"GBP\"}")
			.expectStatus().isCreated()
			.expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/v1/products/" + sku)
			.expectBody()
			.jsonPath("$.data.sku").isEqualTo(sku)
			.jsonPath("$.data.unitPrice").isEqualTo(450)
			.jsonPath("$.data.currency").isEqualTo("GBP")
			.jsonPath("$.data.active").isEqualTo(true);
		put(sku, fixture.admin(), "{\"name\":\"Green tea\",\"unitPrice\":500,\"currency\":\"GBP\"}")
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.name").isEqualTo("Green tea").jsonPath("$.data.unitPrice").isEqualTo(500);
		http.get().uri("/api/v1/products/{sku}", sku).header(HttpHeaders.AUTHORIZATION, fixture.user(UUID.randomUUID()))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.name").isEqualTo("Green tea");
	}

	@Test
	void validatesProducts() {
		String admin = fixture.admin();
		expectValidationError(put(sku(), admin, "{\"name\":\"X\",\"unitPrice\":1,\"currency\":\"XYZ\"}"));
		expectValidationError(put(sku(), admin, "{\"name\":\"X\",\"unitPrice\":1,\"currency\":\"eur\"}"));
		expectValidationError(put(sku(), admin, "{\"name\":\"X\",\"unitPrice\":-1,\"currency\":\"EUR\"}"));
		expectValidationError(put(sku(), admin, "{\"name\":\"\",\"unitPrice\":1,\"currency\":\"EUR\"}"));
		expectValidationError(put(sku(), admin, "{\"name\":\"X\",\"currency\":\"EUR\"}"));
		expectValidationError(put("bad sku!", admin, "{\"name\":\"X\",\"unitPrice\":1,\"currency\":\"EUR\"}"));
		expectValidationError(put(sku(), admin, "{\"name\":\"X\",\"unitPrice\":1,\"currency\":\"EUR\",\"id\":\"x\"}"));
	}

	void expectValidationError(RestTestClient.ResponseSpec response) {
		response.expectStatus().isBadRequest().expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
	}

	@Test
	void letsOnlyAdminsChangeThePriceList() {
		String sku = fixture.product(100, "EUR");
		put(sku, fixture.user(UUID.randomUUID()), "{\"name\":\"Mine\",\"unitPrice\":1,\"currency\":\"EUR\"}")
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		http.delete().uri("/api/v1/products/{sku}", sku).header(HttpHeaders.AUTHORIZATION, fixture.user(UUID.randomUUID()))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		http.get().uri("/api/v1/products/{sku}", sku).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void deactivatesOnDeleteAndHidesInactiveProductsFromUsers() {
		String sku = fixture.product(100, "EUR");
		http.delete().uri("/api/v1/products/{sku}", sku).header(HttpHeaders.AUTHORIZATION, fixture.admin()).exchange()
			.expectStatus().isNoContent();
		http.get().uri("/api/v1/products/{sku}", sku).header(HttpHeaders.AUTHORIZATION, fixture.user(UUID.randomUUID()))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
		http.get().uri("/api/v1/products/{sku}", sku).header(HttpHeaders.AUTHORIZATION, fixture.admin()).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.active").isEqualTo(false);
		http.delete().uri("/api/v1/products/{sku}", "NOPE-" + UUID.randomUUID().toString().substring(0, 8))
			.header(HttpHeaders.AUTHORIZATION, fixture.admin()).exchange()
			.expectStatus().isNotFound();
		// Re-activation is a PUT.
		put(sku, fixture.admin(), "{\"name\":\"Back\",\"unitPrice\":100,\"currency\":\"EUR\"}").expectStatus().isOk()
			.expectBody().jsonPath("$.data.active").isEqualTo(true);
	}

	@Test
	void listsActiveProductsNewestFirstWithACursor() {
		String older = fixture.product(100, "EUR");
		String newer = fixture.product(200, "EUR");
		String inactive = fixture.product(300, "EUR");
		http.delete().uri("/api/v1/products/{sku}", inactive).header(HttpHeaders.AUTHORIZATION, fixture.admin()).exchange()
			.expectStatus().isNoContent();
		byte[] page = http.get().uri("/api/v1/products?limit=1").header(HttpHeaders.AUTHORIZATION, fixture.user(UUID.randomUUID()))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].sku").isEqualTo(newer)
			.returnResult().getResponseBody();
		String cursor = json.readTree(page).at("/meta/nextCursor").asString();
		http.get().uri("/api/v1/products?limit=1&cursor={c}", cursor)
			.header(HttpHeaders.AUTHORIZATION, fixture.user(UUID.randomUUID())).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].sku").isEqualTo(older);
		http.get().uri("/api/v1/products?limit=1&includeInactive=true").header(HttpHeaders.AUTHORIZATION, fixture.admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].sku").isEqualTo(inactive);
		http.get().uri("/api/v1/products?limit=500").header(HttpHeaders.AUTHORIZATION, fixture.admin()).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
	}
}
