package dev.orderly.orders;

/** A product priced in something that is not an ISO 4217 currency code. */
final class UnknownCurrency extends OrdersException {

	UnknownCurrency() {
		super("currency must be an ISO 4217 code");
	}
}
