package dev.orderly.orders;

import java.util.UUID;

/** The customer's account was deleted ({@link DeletedCustomers}): no order is placed for it any more. */
final class CustomerDeleted extends OrdersException {

	CustomerDeleted(UUID userId) {
		super("Customer " + userId + " was deleted");
	}
}
