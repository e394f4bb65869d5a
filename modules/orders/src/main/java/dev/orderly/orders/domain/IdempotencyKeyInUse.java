package dev.orderly.orders.domain;

/**
 * Another placement holds this idempotency key right now ({@code IdempotencyKeys}); retrying later
 * gets its outcome.
 */
public final class IdempotencyKeyInUse extends OrdersException {

	public IdempotencyKeyInUse(String message) {
		super(message);
	}
}
