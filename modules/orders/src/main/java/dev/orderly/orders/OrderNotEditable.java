package dev.orderly.orders;

/** Items, address and note can be changed only while an order is {@code PLACED}. */
final class OrderNotEditable extends OrdersException {

	OrderNotEditable(OrderStatus status) {
		super("Only a PLACED order can be changed; this one is " + status);
	}
}
