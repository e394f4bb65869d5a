package dev.orderly.orders.domain;

/** The lifecycle of {@link OrderStatus} does not allow this move: a shipped order cannot be cancelled, say. */
public final class IllegalTransition extends OrdersException {

	private final OrderStatus from;

	private final OrderStatus to;

	public IllegalTransition(OrderStatus from, OrderStatus to) {
		super("An order in status " + from + " cannot become " + to);
		this.from = from;
		this.to = to;
	}

	OrderStatus from() {
		return from;
	}

	OrderStatus to() {
		return to;
	}
}
