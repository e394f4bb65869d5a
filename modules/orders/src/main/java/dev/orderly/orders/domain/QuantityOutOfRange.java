package dev.orderly.orders.domain;

/** The quantities of one sku in an order add up to more than {@value Pricing#MAX_QUANTITY}. */
public final class QuantityOutOfRange extends OrdersException {

	public QuantityOutOfRange(String sku) {
		super("The total quantity of " + sku + " must be at most " + Pricing.MAX_QUANTITY);
	}
}
