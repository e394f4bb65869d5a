package dev.orderly.orders.web;

import java.util.UUID;


import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.orders.OrdersApiFixture;
import dev.orderly.orders.OrdersHttpTest;

import static dev.orderly.orders.OrdersApiFixture.expectError;
import static dev.orderly.orders.OrdersApiFixture.newSku;
import static dev.orderly.orders.OrdersApiFixture.productBody;

/** {@code /api/v1/products}: the price list over real HTTP. */
@OrdersHttpTest
class ProductApiTests {

	@Autowired
	OrdersApiFixture fixture;

	String someUser() {
		return fixture.user(UUID.randomUUID());
	}

	@Test
	void createsThenReplacesAProduct() {
		String sku = newSku("P");
		fixture.putProduct(sku, fixture.admin(), productBody("Tea", 450, "GBP"))
			.expectStatus().isCreated()
			.expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/v1/products/" + sku)
			.expectBody()
			.jsonPath("$.data.sku").isEqualTo(sku)
			.jsonPath("$.data.unitPrice").isEqualTo(450)
			.jsonPath("$.data.currency").isEqualTo("GBP")
			.jsonPath("$.data.active").isEqualTo(true);
		fixture.putProduct(sku, fixture.admin(), productBody("Green tea", 500, "GBP"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.name").isEqualTo("Green tea").jsonPath("$.data.unitPrice").isEqualTo(500);
		fixture.get("/api/v1/products/{sku}", someUser(), sku)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.name").isEqualTo("Green tea");
	}

	@Test
	void validatesProducts() {
		String admin = fixture.admin();
		expectInvalid(fixture.putProduct(newSku("P"), admin, productBody("X", 1, "XYZ")), "currency");
		expectInvalid(fixture.putProduct(newSku("P"), admin, productBody("X", 1, "eur")), "currency");
		expectInvalid(fixture.putProduct(newSku("P"), admin, productBody("X", -1, "EUR")), "unitPrice");
		expectInvalid(fixture.putProduct(newSku("P"), admin, productBody("", 1, "EUR")), "name");
		expectInvalid(fixture.putProduct(newSku("P"), admin, "{\"name\":\"X\",\"currency\":\"EUR\"}"), "unitPrice");
		expectInvalid(fixture.putProduct("bad sku!", admin, productBody("X", 1, "EUR")), "sku");
		expectInvalid(fixture.putProduct(newSku("P"), admin, productBody("X", 1, "EUR").replace("}", ",\"id\":\"x\"}")),
				"id");
	}

	void expectInvalid(RestTestClient.ResponseSpec response, String field) {
		response.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo(field);
	}

	@Test
	void letsOnlyAdminsChangeThePriceList() {
		String sku = fixture.product(100, "EUR");
		expectError(fixture.putProduct(sku, someUser(), productBody("Mine", 1, "EUR")), 403, "FORBIDDEN");
		// the role is checked before the currency and the sku are looked at
		expectError(fixture.putProduct("bad sku!", someUser(), productBody("Mine", 1, "XYZ")), 403, "FORBIDDEN");
		expectError(fixture.deleteProduct(sku, someUser()), 403, "FORBIDDEN");
		fixture.http.get().uri("/api/v1/products/{sku}", sku).exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void deactivatesOnDeleteAndHidesInactiveProductsFromUsers() {
		String sku = fixture.product(100, "EUR");
		fixture.deactivate(sku);
		expectError(fixture.get("/api/v1/products/{sku}", someUser(), sku), 404, "NOT_FOUND");
		fixture.get("/api/v1/products/{sku}", fixture.admin(), sku)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.active").isEqualTo(false);
		expectError(fixture.deleteProduct(newSku("NOPE"), fixture.admin()), 404, "NOT_FOUND");
		// Re-activation is a PUT.
		fixture.putProduct(sku, fixture.admin(), productBody("Back", 100, "EUR")).expectStatus().isOk()
			.expectBody().jsonPath("$.data.active").isEqualTo(true);
	}

	@Test
	void listsActiveProductsNewestFirstWithACursor() {
		String older = fixture.product(100, "EUR");
		String newer = fixture.product(200, "EUR");
		String inactive = fixture.product(300, "EUR");
		fixture.deactivate(inactive);
		byte[] page = fixture.get("/api/v1/products?limit=1", someUser())
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data.length()").isEqualTo(1)
			.jsonPath("$.data[0].sku").isEqualTo(newer)
			.returnResult().getResponseBody();
		String cursor = fixture.json.readTree(page).at("/meta/nextCursor").asString();
		fixture.get("/api/v1/products?limit=1&cursor={c}", someUser(), cursor)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].sku").isEqualTo(older);
		// includeInactive is for administrators; a user asking for it sees the active list
		fixture.get("/api/v1/products?limit=1&includeInactive=true", someUser())
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].sku").isEqualTo(newer);
		fixture.get("/api/v1/products?limit=1&includeInactive=true", fixture.admin())
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data[0].sku").isEqualTo(inactive);
		expectError(fixture.get("/api/v1/products?limit=500", fixture.admin()), 400, "VALIDATION_ERROR");
	}
}
