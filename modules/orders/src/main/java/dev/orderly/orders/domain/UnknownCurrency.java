package dev.orderly.orders.domain;

/** A product priced in something that is not an ISO 4217 currency code. */
public final class UnknownCurrency extends OrdersException {

	public UnknownCurrency() {
		super("currency must be an ISO 4217 code");
	}
}
