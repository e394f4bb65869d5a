package dev.orderly.orders.domain;

/** Items, address and note can be changed only while an order is {@code PLACED}. */
public final class OrderNotEditable extends OrdersException {

	public OrderNotEditable(OrderStatus status) {
		super("Only a PLACED order can be changed; this one is " + status);
	}
}
