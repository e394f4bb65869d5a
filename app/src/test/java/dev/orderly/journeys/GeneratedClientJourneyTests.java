package dev.orderly.journeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.orderly.client.ApiClient;
import dev.orderly.client.ApiException;
import dev.orderly.client.ApiResponse;
import dev.orderly.client.api.AuthApi;
import dev.orderly.client.api.OrdersApi;
import dev.orderly.client.api.ProductsApi;
import dev.orderly.client.model.ApiResponseListOrderView;
import dev.orderly.client.model.ApiResponseOrderView;
import dev.orderly.client.model.ApiResponseProductView;
import dev.orderly.client.model.CancelRequest;
import dev.orderly.client.model.Item;
import dev.orderly.client.model.LoginRequest;
import dev.orderly.client.model.OrderRequest;
import dev.orderly.client.model.OrderView;
import dev.orderly.client.model.ProductRequest;
import dev.orderly.client.model.ShippingAddress;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.support.Journeys;
import dev.orderly.support.OrderlyAppTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract is usable, not only valid: a Java client generated from {@code docs/openapi.json}
 * during the build (openapi-generator, {@code native} library; ADR 0018) drives the application
 * over real HTTP with no hand-written request — an administrator logs in and prices a product, a
 * customer places orders (idempotently), reads one with its ETag, pages through them and cancels.
 */
@OrderlyAppTest
class GeneratedClientJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestTokens tokens;

	@Test
	void placesReadsPagesAndCancelsOrdersThroughTheGeneratedClient() throws ApiException {
		String sku = Journeys.uniqueSku("GEN");
		String adminToken = new AuthApi(client(null))
			.login(new LoginRequest().email(Journeys.ADMIN_EMAIL).password(Journeys.ADMIN_PASSWORD))
			.getData()
			.getAccessToken();
		ApiResponse<ApiResponseProductView> created = new ProductsApi(client(adminToken))
			.upsertProductWithHttpInfo(sku, new ProductRequest().name("Filter papers").unitPrice(450L).currency("EUR"));
		assertThat(created.getStatusCode()).isEqualTo(201);
		assertThat(created.getData().getData().getActive()).isTrue();

		OrdersApi orders = new OrdersApi(client(tokens.forUser(UUID.randomUUID(), "USER")));
		String key = UUID.randomUUID().toString();
		ApiResponse<ApiResponseOrderView> placed = orders.placeOrderWithHttpInfo(order(sku, 3), key);
		assertThat(placed.getStatusCode()).isEqualTo(201);
		OrderView first = placed.getData().getData();
		assertThat(first.getStatus()).isEqualTo(OrderView.StatusEnum.PLACED);
		assertThat(first.getTotal()).isEqualTo(1350L);
		assertThat(first.getNote()).isNull();
		assertThat(placed.getHeaders().get("location")).containsExactly("/api/v1/orders/" + first.getId());
		ApiResponse<ApiResponseOrderView> replayed = orders.placeOrderWithHttpInfo(order(sku, 3), key);
		assertThat(replayed.getData().getData().getId()).isEqualTo(first.getId());
		assertThat(replayed.getHeaders().get("idempotent-replayed")).containsExactly("true");
		List<UUID> placedIds = new ArrayList<>(List.of(first.getId()));
		for (int quantity = 1; quantity <= 2; quantity++) {
			placedIds.add(orders.placeOrder(order(sku, quantity), UUID.randomUUID().toString()).getData().getId());
		}

		// read: the ETag makes a conditional read a 304
		ApiResponse<ApiResponseOrderView> read = orders.getOrderWithHttpInfo(first.getId(), null);
		String etag = read.getHeaders().get("etag").getFirst();
		assertThat(etag).isEqualTo("\"" + first.getVersion() + "\"");
		ApiException notModified = catchThrowableOfType(ApiException.class,
				() -> orders.getOrder(first.getId(), etag));
		assertThat(notModified.getCode()).isEqualTo(304);

		// page: two pages of two, the last one says so
		ApiResponseListOrderView page1 = orders.listOrders(null, null, null, null, 2, null);
		assertThat(page1.getData()).hasSize(2);
		assertThat(page1.getMeta().getNextCursor()).isNotNull();
		ApiResponseListOrderView page2 = orders.listOrders(null, null, null, null, 2, page1.getMeta().getNextCursor());
		assertThat(page2.getMeta().getNextCursor()).isNull();
		List<UUID> listed = new ArrayList<>();
		page1.getData().forEach(order -> listed.add(order.getId()));
		page2.getData().forEach(order -> listed.add(order.getId()));
		assertThat(listed).containsExactlyInAnyOrderElementsOf(placedIds);

		// cancel, with the ETag read as precondition; a second cancel is a conflict
		OrderView cancelled = orders.cancelOrder(first.getId(), etag, new CancelRequest().reason("ordered twice"))
			.getData();
		assertThat(cancelled.getStatus()).isEqualTo(OrderView.StatusEnum.CANCELLED);
		assertThat(cancelled.getCancellationReason()).isEqualTo("ordered twice");
		ApiException conflict = catchThrowableOfType(ApiException.class,
				() -> orders.cancelOrder(first.getId(), null, new CancelRequest()));
		assertThat(conflict.getCode()).isEqualTo(409);
		assertThat(conflict.getResponseBody()).contains("INVALID_STATE_TRANSITION");
	}

	private ApiClient client(String bearerToken) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + port);
		client.setConnectTimeout(Duration.ofSeconds(5));
		client.setReadTimeout(Duration.ofSeconds(20));
		if (bearerToken != null) {
			client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearerToken));
		}
		return client;
	}

	private static OrderRequest order(String sku, int quantity) {
		return new OrderRequest().addItemsItem(new Item().sku(sku).quantity(quantity))
			.shippingAddress(new ShippingAddress().name("Gen Client").line1("2 Quay Street").city("Bordeaux")
				.country("FR"));
	}
}
