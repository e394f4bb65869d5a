package dev.orderly.orders.domain;

import java.util.List;

/**
 * Requested items priced from the price list: one currency, exact totals. Made by
 * {@code ProductCatalog.quote}.
 */
public record PriceQuote(String currency, List<Line> lines, Pricing.Totals totals) {

	public record Line(String sku, String name, long unitPrice, int quantity, long lineTotal) {
	}
}
