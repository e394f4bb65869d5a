package dev.orderly.orders.domain;

import java.util.UUID;

/** The customer's account was deleted ({@code DeletedCustomers}): no order is placed for it any more. */
public final class CustomerDeleted extends OrdersException {

	public CustomerDeleted(UUID userId) {
		super("Customer " + userId + " was deleted");
	}
}
