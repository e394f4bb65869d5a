package dev.orderly.orders.web;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.orderly.platform.web.ApiErrorCodes;

/**
 * What the orders module says about its API beyond the annotations on its controllers and DTOs
 * (ADR 0033): its tags, the error codes it adds, its headers ({@code Idempotency-Key},
 * {@code If-Match}, {@code If-None-Match}, {@code ETag}, {@code Idempotent-Replayed}) and the
 * responses its controllers send besides their declared one. The platform adds what holds for every
 * operation afterwards.
 */
@Configuration(proxyBeanMethods = false)
class OrdersOpenApiConfiguration {

	/** Operations whose successful responses carry the order's ETag. */
	static final Set<String> ORDER_WITH_ETAG = Set.of("getOrder", "replaceOrder", "amendOrder", "cancelOrder",
			"confirmOrder", "shipOrder", "deliverOrder");

	/** Operations whose inputs are priced: they can break a pricing rule (422). */
	static final Set<String> PRICED = Set.of("placeOrder", "placeOrderForUser", "replaceOrder");

	@Bean
	ApiErrorCodes ordersConflicts() {
		return ApiErrorCodes.of(HttpStatus.CONFLICT,
				"INVALID_STATE_TRANSITION, ORDER_NOT_EDITABLE: the order's status does not allow this; "
						+ "IDEMPOTENCY_KEY_IN_USE: the first request with this key is still running, retry later.",
				"INVALID_STATE_TRANSITION", "ORDER_NOT_EDITABLE", "IDEMPOTENCY_KEY_IN_USE");
	}

	@Bean
	ApiErrorCodes ordersBusinessRules() {
		return ApiErrorCodes.of(HttpStatus.UNPROCESSABLE_CONTENT,
				"UNKNOWN_PRODUCT (or inactive), MIXED_CURRENCY; "
						+ "IDEMPOTENCY_KEY_REUSED: the key was used with another body: use a new key.",
				"UNKNOWN_PRODUCT", "MIXED_CURRENCY", "IDEMPOTENCY_KEY_REUSED");
	}

	@Bean
	OrdersOpenApi ordersOpenApi() {
		return new OrdersOpenApi();
	}

	/** Ordered before the platform's additions (errors, headers, required fields), which come last. */
	@Order(0)
	static final class OrdersOpenApi implements OpenApiCustomizer {

		@Override
		public void customise(OpenAPI openApi) {
			openApi.addTagsItem(new Tag().name("products").description("The price list (orders module)."));
			openApi.addTagsItem(new Tag().name("orders").description(
					"Orders and their lifecycle: PLACED, CONFIRMED, SHIPPED, DELIVERED or CANCELLED (orders module)."));
			if (openApi.getPaths() == null) {
				return;
			}
			ApiResponse[] order = new ApiResponse[1];
			openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
				if ("getOrder".equals(operation.getOperationId())) {
					order[0] = operation.getResponses().get("200");
				}
			}));
			openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
				if (operation.getTags() == null || !(operation.getTags().contains("orders")
						|| operation.getTags().contains("products"))) {
					return;
				}
				parameters(operation);
				responses(operation, order[0]);
			}));
		}

		private static void parameters(Operation operation) {
			if (operation.getParameters() == null) {
				return;
			}
			for (Parameter parameter : operation.getParameters()) {
				switch (parameter.getName()) {
					case "Idempotency-Key" -> parameter.description("Makes a retried placement safe: the same key and body "
							+ "return the first response (Idempotent-Replayed: true). A UUID is a good key.")
						.schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]+$"));
					case "If-Match" -> parameter.description("The ETag of the version read; a mismatch is 412")
						.schema(new StringSchema().maxLength(1024));
					case "sku" -> parameter.getSchema().maxLength(64).pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
					default -> {
					}
				}
			}
		}

		private static void responses(Operation operation, ApiResponse order) {
			ApiResponses responses = operation.getResponses();
			String id = operation.getOperationId();
			if (("placeOrder".equals(id) || "placeOrderForUser".equals(id)) && order != null) {
				// Sent as stored JSON text (so that a replay is byte for byte the first response): an order.
				responses.get("201").description("The order placed (or, with Idempotent-Replayed: true, the first response)")
					.content(order.getContent())
					.addHeaderObject("Idempotent-Replayed",
							header("true when this is the stored response of an earlier request with the same Idempotency-Key")
								.schema(new StringSchema()._enum(List.of("true"))));
			}
			if ("upsertProduct".equals(id)) {
				ApiResponse replaced = responses.get("200").description("The product was replaced");
				responses.addApiResponse("201", new ApiResponse().description("The product was created")
					.content(replaced.getContent()));
			}
			if (ORDER_WITH_ETAG.contains(id)) {
				responses.values().stream().filter(response -> response.getContent() != null).forEach(response -> response
					.addHeaderObject(HttpHeaders.ETAG, header("The order's version, for If-Match and If-None-Match")
						.required(true)));
			}
			if ("getOrder".equals(id)) {
				operation.addParametersItem(new Parameter().in("header").name(HttpHeaders.IF_NONE_MATCH)
					.description("The ETag of the version the client has; if it is still current the answer is 304")
					.schema(new StringSchema().maxLength(1024)));
				responses.addApiResponse("304", new ApiResponse()
					.description("Not modified: the order is still the version of If-None-Match (no body)")
					.addHeaderObject(HttpHeaders.ETAG, header("The order's version").required(true)));
			}
			if (PRICED.contains(id)) {
				responses.addApiResponse("422", new ApiResponse().$ref("#/components/responses/UnprocessableContent"));
			}
		}

		private static Header header(String description) {
			return new Header().description(description).schema(new StringSchema().maxLength(1024));
		}
	}
}
