package dev.orderly.orders;

import java.net.URI;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.web.PageLimit;

/**
 * The price list: everyone authenticated reads the active products; admins also see inactive
 * ones ({@code ?includeInactive=true}, or by sku) and maintain the list.
 */
@RestController
@Tag(name = "products")
@RequestMapping("/api/v1/products")
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	/** The body of {@code PUT /products/{sku}}: the whole product. {@code active} defaults to true. */
	record ProductRequest(@NotBlank @Size(max = 200) String name,
			@NotNull @PositiveOrZero @Max(Pricing.MAX_UNIT_PRICE) Long unitPrice,
			@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, Boolean active) {
	}

	record ProductView(String sku, String name, long unitPrice, String currency, boolean active, Instant createdAt,
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
		List<Product> rows = catalog.page(Cursor.decode(cursor), size, includeInactive && caller.isAdmin());
		return ApiResponse.page(rows, size, row -> new Cursor(row.createdAt(), row.id()), ProductView::of);
	}

	@Operation(operationId = "getProduct", summary = "Get a product",
			description = "One product by its sku. A deactivated product is 404 except for administrators.")
	@GetMapping("/{sku}")
	ApiResponse<ProductView> get(CurrentUser caller, @PathVariable String sku) {
		return catalog.find(sku)
			.filter(product -> product.active() || caller.isAdmin())
			.map(product -> ApiResponse.of(ProductView.of(product)))
			.orElseThrow(ApiException::notFound);
	}

	@Operation(operationId = "upsertProduct", summary = "Create or replace a product",
			description = "Administrators: creates the product with this sku (201 with Location) or replaces it (200). Prices are integer minor units of an ISO 4217 currency; active defaults to true.")
	@PutMapping("/{sku}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<ApiResponse<ProductView>> put(@PathVariable String sku, @Valid @RequestBody ProductRequest request) {
		if (!isIsoCurrency(request.currency())) {
			throw ApiException.invalid("currency", "invalid", "currency must be an ISO 4217 code");
		}
		ProductCatalog.Saved saved = catalog.put(sku, request.name().strip(), request.unitPrice(), request.currency(),
				request.active() == null || request.active());
		ApiResponse<ProductView> body = ApiResponse.of(ProductView.of(saved.product()));
		return saved.created() ? ResponseEntity.created(URI.create("/api/v1/products/" + sku)).body(body)
				: ResponseEntity.ok(body);
	}

	@Operation(operationId = "deleteProduct", summary = "Deactivate a product",
			description = "Administrators: deactivates the product; it can no longer be ordered, and existing orders keep it.")
	@DeleteMapping("/{sku}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT) // documents the status; the ResponseEntity sets the same
	ResponseEntity<Void> delete(@PathVariable String sku) {
		if (!catalog.deactivate(sku)) {
			throw ApiException.notFound();
		}
		return ResponseEntity.noContent().build();
	}

	private static boolean isIsoCurrency(String code) {
		try {
			return Currency.getInstance(code).getCurrencyCode().equals(code);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}
}
