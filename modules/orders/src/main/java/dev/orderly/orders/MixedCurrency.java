package dev.orderly.orders;

import java.util.List;

/** The items of one order are priced in more than one currency; an order has exactly one. */
final class MixedCurrency extends OrdersException {

	MixedCurrency(List<String> currencies) {
		super("All items of an order must have the same currency; found " + String.join(", ", currencies));
	}
}
