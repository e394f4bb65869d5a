package dev.orderly.webhooks.application;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.webhooks.domain.EventType;

/**
 * The orders module's published events, each turned into deliveries after the publishing transaction
 * committed, in a transaction of its own (the event publication registry resubmits a failed one; the
 * intake is idempotent). The data of a delivery is the event as published. One method per event
 * type: the registry knows a listener by its method, so keep their names and parameters.
 */
@Component
class OrderEventListeners {

	/** The event types webhooks consumes (its golden messages cover every readable version of each). */
	static final java.util.List<Class<?>> EVENT_TYPES = java.util.List.of(OrderPlaced.class, OrderConfirmed.class,
			OrderShipped.class, OrderDelivered.class, OrderCancelled.class);

	private final DeliveryIntake intake;

	OrderEventListeners(DeliveryIntake intake) {
		this.intake = intake;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		intake.accept(EventType.ORDER_PLACED, event.orderId(), event.placedAt(), event);
	}

	@ApplicationModuleListener
	void on(OrderConfirmed event) {
		intake.accept(EventType.ORDER_CONFIRMED, event.orderId(), event.confirmedAt(), event);
	}

	@ApplicationModuleListener
	void on(OrderShipped event) {
		intake.accept(EventType.ORDER_SHIPPED, event.orderId(), event.shippedAt(), event);
	}

	@ApplicationModuleListener
	void on(OrderDelivered event) {
		intake.accept(EventType.ORDER_DELIVERED, event.orderId(), event.deliveredAt(), event);
	}

	@ApplicationModuleListener
	void on(OrderCancelled event) {
		intake.accept(EventType.ORDER_CANCELLED, event.orderId(), event.cancelledAt(), event);
	}
}
