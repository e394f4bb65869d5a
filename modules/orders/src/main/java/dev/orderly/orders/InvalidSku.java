package dev.orderly.orders;

/** Not a sku the price list can hold: 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
final class InvalidSku extends OrdersException {

	InvalidSku() {
		super("sku must be 1..64 letters, digits, '.', '_' or '-', starting with a letter or digit");
	}
}
