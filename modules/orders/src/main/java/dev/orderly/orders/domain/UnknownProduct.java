package dev.orderly.orders.domain;

import java.util.List;

/** Items of an order name skus that are not on the price list, or no longer active there. */
public final class UnknownProduct extends OrdersException {

	private final List<String> skus;

	public UnknownProduct(List<String> skus) {
		super("Unknown or inactive product: " + String.join(", ", skus));
		this.skus = List.copyOf(skus);
	}

	/** Every offending sku, in the order of the items. */
	public List<String> skus() {
		return skus;
	}
}
