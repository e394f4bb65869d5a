package dev.orderly.orders.domain;

/** The idempotency key was already used by this customer for a different order request. */
public final class IdempotencyKeyReused extends OrdersException {

	public IdempotencyKeyReused() {
		super("This Idempotency-Key was already used for a different request");
	}
}
