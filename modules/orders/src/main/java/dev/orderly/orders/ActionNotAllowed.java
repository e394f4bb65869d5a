package dev.orderly.orders;

/**
 * The actor may see what it acts on, but its role may not do this ({@link OrderPolicy}): an owner
 * confirming their own order, an administrator editing someone's order, a user changing the price
 * list.
 */
final class ActionNotAllowed extends OrdersException {

	ActionNotAllowed(String action) {
		super("This actor may not " + action);
	}
}
