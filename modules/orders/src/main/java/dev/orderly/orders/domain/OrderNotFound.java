package dev.orderly.orders.domain;

import java.util.UUID;

/**
 * No such order — or one the actor may not see: the two are deliberately indistinguishable, so
 * that nobody learns which order ids exist.
 */
public final class OrderNotFound extends OrdersException {

	public OrderNotFound(UUID orderId) {
		super("No order " + orderId + " visible to this actor");
	}
}
