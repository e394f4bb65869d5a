package dev.orderly.orders;

import java.util.List;

/**
 * Requested items priced from the price list: one currency, exact totals. Made by
 * {@link ProductCatalog#quote}.
 */
record PriceQuote(String currency, List<Line> lines, Pricing.Totals totals) {

	record Line(String sku, String name, long unitPrice, int quantity, long lineTotal) {
	}
}
