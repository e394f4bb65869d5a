package dev.orderly.orders;

/** The idempotency key was already used by this customer for a different order request. */
final class IdempotencyKeyReused extends OrdersException {

	IdempotencyKeyReused() {
		super("This Idempotency-Key was already used for a different request");
	}
}
