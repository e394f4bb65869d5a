package dev.orderly.orders.domain;

import java.util.UUID;

/**
 * The actor asked to list or place the orders of another customer, which only administrators may
 * do. Answered like a customer that does not exist, so that nobody learns which user ids exist.
 */
public final class CustomerNotFound extends OrdersException {

	public CustomerNotFound(UUID userId) {
		super("The orders of customer " + userId + " are not visible to this actor");
	}
}
