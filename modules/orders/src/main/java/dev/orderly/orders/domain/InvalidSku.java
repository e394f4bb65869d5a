package dev.orderly.orders.domain;

/** Not a sku the price list can hold: 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
public final class InvalidSku extends OrdersException {

	public InvalidSku() {
		super("sku must be 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit");
	}
}
