package dev.orderly.orders.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orderly.orders.domain.Pricing;
import dev.orderly.orders.domain.QuantityOutOfRange;
import dev.orderly.orders.domain.ShippingAddress;

/**
 * An order as its author wants it, in domain values: the requested lines (a sku may repeat), where
 * it goes and an optional note. What {@link OrderManagement#place} and {@link OrderManagement#replace}
 * take; the web edge maps its request body to it.
 */
public record OrderDraft(List<Line> lines, ShippingAddress shippingAddress, String note) {

	public OrderDraft {
		lines = List.copyOf(lines);
	}

	/** One requested line: a sku and how many. */
	public record Line(String sku, int quantity) {
	}

	/**
	 * Quantities per sku in the order of first appearance. Repeated skus are merged (their
	 * quantities added); the merged quantity must still be within 1..{@value Pricing#MAX_QUANTITY}.
	 *
	 * @throws QuantityOutOfRange naming the first sku whose merged quantity is too large
	 */
	Map<String, Integer> quantitiesBySku() {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		for (Line line : lines) {
			quantities.merge(line.sku(), line.quantity(), Integer::sum);
		}
		quantities.forEach((sku, quantity) -> {
			if (quantity > Pricing.MAX_QUANTITY) {
				throw new QuantityOutOfRange(sku);
			}
		});
		return quantities;
	}
}
