package dev.orderly.orders.domain;

import java.util.Set;

/**
 * Where an order is in its lifecycle: {@code PLACED → CONFIRMED → SHIPPED → DELIVERED}, and
 * {@code PLACED | CONFIRMED → CANCELLED}. Nothing else.
 */
public enum OrderStatus {

	PLACED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

	boolean canBecome(OrderStatus next) {
		return switch (this) {
			case PLACED -> next == CONFIRMED || next == CANCELLED;
			case CONFIRMED -> next == SHIPPED || next == CANCELLED;
			case SHIPPED -> next == DELIVERED;
			case DELIVERED, CANCELLED -> false;
		};
	}

	/** Open orders can still be cancelled, for instance when their owner is deleted. */
	static final Set<OrderStatus> OPEN = Set.of(PLACED, CONFIRMED);
}
