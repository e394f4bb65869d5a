package dev.orderly.orders.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.platform.Actor;
import dev.orderly.users.events.UserDeleted;

/**
 * A deleted user's open orders are cancelled ("account deleted"). Each cancellation publishes
 * {@link OrderCancelled} like any other (consumers stay consistent; notifications drops email to
 * deleted users itself). At-least-once delivery is harmless: only still-open orders are touched.
 * The use case runs as {@link Actor#system()}: nobody's request, the application itself.
 */
@Component
class OrderCancellationOnUserDeletion {

	static final String REASON = "account deleted";

	private static final Logger log = LoggerFactory.getLogger(OrderCancellationOnUserDeletion.class);

	private final OrderManagement orders;

	OrderCancellationOnUserDeletion(OrderManagement orders) {
		this.orders = orders;
	}

	/**
	 * The id is the one this listener had before it moved into {@code orders.application} (ADR 0030):
	 * the event publication registry knows a listener by it, so publications still incomplete from
	 * an earlier version are still resubmitted to this method.
	 */
	@ApplicationModuleListener(id = "dev.orderly.orders.OrderCancellationOnUserDeletion.on(dev.orderly.users.events.UserDeleted)")
	void on(UserDeleted event) {
		int cancelled = orders.cancelOpenOrdersOf(Actor.system(), event.userId(), event.deletedAt(), REASON);
		if (cancelled > 0) {
			log.info("Cancelled {} open order(s) of deleted user {}", cancelled, event.userId());
		}
	}
}
