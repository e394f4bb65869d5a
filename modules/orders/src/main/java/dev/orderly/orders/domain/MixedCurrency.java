package dev.orderly.orders.domain;

import java.util.List;

/** The items of one order are priced in more than one currency; an order has exactly one. */
public final class MixedCurrency extends OrdersException {

	public MixedCurrency(List<String> currencies) {
		super("All items of an order must have the same currency; found " + String.join(", ", currencies));
	}
}
