package dev.orderly.orders;

/**
 * Another placement holds this idempotency key right now ({@link IdempotencyKeys}); retrying later
 * gets its outcome.
 */
final class IdempotencyKeyInUse extends OrdersException {

	IdempotencyKeyInUse(String message) {
		super(message);
	}
}
