package dev.orderly.orders.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.orders.application.ProductManagement;
import dev.orderly.orders.domain.Pricing;
import dev.orderly.orders.domain.Product;
import dev.orderly.orders.persistence.ProductCatalog;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.web.PageLimit;

/**
 * {@code /api/v1/products}, the price list over HTTP: everyone authenticated reads the active
 * products; admins also see inactive ones ({@code ?includeInactive=true}, or by sku) and maintain
 * the list. Who may do what is decided by {@link ProductManagement} ({@code OrderPolicy}); this class
 * passes the caller on as an {@code Actor}.
 */
@RestController
@Tag(name = "products")
@RequestMapping("/api/v1/products")
class ProductController {

	private final ProductManagement products;

	ProductController(ProductManagement products) {
		this.products = products;
	}

	/** The body of {@code PUT /products/{sku}}: the whole product. {@code active} defaults to true. */
	record ProductRequest(@NotBlank @Size(max = 200) String name,
			@NotNull @PositiveOrZero @Max(Pricing.MAX_UNIT_PRICE) Long unitPrice,
			@NotNull @Pattern(regexp = "[A-Z]{3}") @Schema(minLength = 3, maxLength = 3) String currency, Boolean active) {
	}

	record ProductView(@Schema(maxLength = 64) String sku, @Schema(maxLength = 200) String name,
			@Schema(minimum = "0", maximum = "" + Pricing.MAX_UNIT_PRICE) long unitPrice,
			@Schema(minLength = 3, maxLength = 3) String currency, boolean active, Instant createdAt,
			Instant updatedAt) {

		static ProductView of(Product product) {
			return new ProductView(product.sku(), product.name(), product.unitPrice(), product.currency(),
					product.active(), product.createdAt(), product.updatedAt());
		}
	}

	@Operation(operationId = "listProducts", summary = "List products",
			description = "The price list, newest first, one keyset page at a time. Administrators may add includeInactive=true to see deactivated products too.")
	@GetMapping
	ApiResponse<List<ProductView>> list(CurrentUser caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "false") boolean includeInactive) {
		int size = PageLimit.of(limit);
		List<Product> rows = products.page(caller.actor(), Cursor.decode(cursor), size, includeInactive);
		return ApiResponse.page(rows, size, row -> new Cursor(row.createdAt(), row.id()), ProductView::of);
	}

	@Operation(operationId = "getProduct", summary = "Get a product",
			description = "One product by its sku. A deactivated product is 404 except for administrators.")
	@GetMapping("/{sku}")
	ApiResponse<ProductView> get(CurrentUser caller, @PathVariable String sku) {
		return ApiResponse.of(ProductView.of(products.product(caller.actor(), sku)));
	}

	@Operation(operationId = "upsertProduct", summary = "Create or replace a product",
			description = "Administrators: creates the product with this sku (201 with Location) or replaces it (200). Prices are integer minor units of an ISO 4217 currency; active defaults to true.")
	@PutMapping("/{sku}")
	ResponseEntity<ApiResponse<ProductView>> put(CurrentUser caller, @PathVariable String sku,
			@Valid @RequestBody ProductRequest request) {
		ProductCatalog.Saved saved = products.put(caller.actor(), sku, request.name(), request.unitPrice(),
				request.currency(), request.active() == null || request.active());
		ApiResponse<ProductView> body = ApiResponse.of(ProductView.of(saved.product()));
		return saved.created() ? ResponseEntity.created(URI.create("/api/v1/products/" + sku)).body(body)
				: ResponseEntity.ok(body);
	}

	@Operation(operationId = "deleteProduct", summary = "Deactivate a product",
			description = "Administrators: deactivates the product; it can no longer be ordered, and existing orders keep it.")
	@DeleteMapping("/{sku}")
	@ResponseStatus(HttpStatus.NO_CONTENT) // documents the status; the ResponseEntity sets the same
	ResponseEntity<Void> delete(CurrentUser caller, @PathVariable String sku) {
		products.deactivate(caller.actor(), sku);
		return ResponseEntity.noContent().build();
	}
}
