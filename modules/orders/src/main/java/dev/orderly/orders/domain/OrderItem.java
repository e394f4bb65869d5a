package dev.orderly.orders.domain;

import java.time.Instant;

import org.springframework.data.relational.core.mapping.Table;
import dev.orderly.orders.events.OrderLine;

/**
 * One line of an {@link Order}: a copy of the price-list entry at the time of pricing, so that
 * later price changes never alter the order. Amounts in minor units of the order's currency.
 */
@Table(schema = "orders", name = "order_lines")
public record OrderItem(String sku, String name, long unitPrice, int quantity, long lineTotal, Instant createdAt,
		Instant updatedAt) {

	OrderLine toEvent() {
		return new OrderLine(sku, name, quantity, unitPrice, lineTotal);
	}
}
