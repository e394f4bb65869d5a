package dev.orderly.orders.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of the price list: {@code unitPrice} in minor units of {@code currency} (ISO 4217).
 * An inactive product cannot be ordered; it still exists for orders that reference it.
 */
public record Product(UUID id, String sku, String name, long unitPrice, String currency, boolean active,
		Instant createdAt, Instant updatedAt) {
}
