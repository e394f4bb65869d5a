package dev.orderly.orders.domain;

/**
 * The actor may see what it acts on, but its role may not do this ({@code OrderPolicy}): an owner
 * confirming their own order, an administrator editing someone's order, a user changing the price
 * list.
 */
public final class ActionNotAllowed extends OrdersException {

	public ActionNotAllowed(String action) {
		super("This actor may not " + action);
	}
}
