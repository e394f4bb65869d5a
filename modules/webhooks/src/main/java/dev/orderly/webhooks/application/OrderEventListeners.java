package dev.orderly.webhooks.application;

import java.util.List;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.ConditionalEventListener;
import org.springframework.stereotype.Component;

import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.webhooks.domain.EventType;
import dev.orderly.webhooks.persistence.Endpoints;

/**
 * The orders module's published events, each turned into deliveries after the publishing transaction
 * committed, in a transaction of its own (the event publication registry resubmits a failed one; the
 * intake is idempotent). The data of a delivery is the event as published. One method per event
 * type: the registry knows a listener by its method, so keep their names and parameters.
 * <p>
 * An event that no enabled endpoint subscribes to when it is published gets no publication at all
 * ({@link #supports}, asked by Spring Modulith in the publishing transaction): no outbox row, no
 * listener transaction: while nobody subscribes, an order costs PostgreSQL 3 round trips and a commit
 * less (ADR 0043). An endpoint gets the events published after it was enabled; that
 * was so before, give or take the moment between a commit and its listener.
 */
@Component
class OrderEventListeners implements ConditionalEventListener {

	/** The event types webhooks consumes, and what each is called on the wire. */
	private static final Map<Class<?>, EventType> TYPES = Map.of(OrderPlaced.class, EventType.ORDER_PLACED,
			OrderConfirmed.class, EventType.ORDER_CONFIRMED, OrderShipped.class, EventType.ORDER_SHIPPED,
			OrderDelivered.class, EventType.ORDER_DELIVERED, OrderCancelled.class, EventType.ORDER_CANCELLED);

	/** The event types webhooks consumes (its golden messages cover every readable version of each). */
	static final List<Class<?>> EVENT_TYPES = List.copyOf(TYPES.keySet());

	private final DeliveryIntake intake;

	private final Endpoints endpoints;

	OrderEventListeners(DeliveryIntake intake, Endpoints endpoints) {
		this.intake = intake;
		this.endpoints = endpoints;
	}

	/**
	 * Whether the event needs a publication: an enabled endpoint subscribes to its type now. Asked only
	 * when the event is published; a publication stored once is delivered even if the endpoint is gone
	 * by then (the intake then records nothing). An event type missing from {@link #TYPES} is always
	 * published: a publication too many costs a listener transaction, one too few loses deliveries.
	 */
	@Override
	public boolean supports(Object event) {
		EventType type = TYPES.get(event.getClass());
		return type == null || endpoints.anySubscribedTo(type);
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
