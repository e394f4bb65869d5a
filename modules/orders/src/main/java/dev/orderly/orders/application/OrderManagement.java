package dev.orderly.orders.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.orders.domain.ExpectedVersion;
import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderNotFound;
import dev.orderly.orders.domain.OrderView;
import dev.orderly.orders.domain.Orders;
import dev.orderly.orders.domain.PriceQuote;
import dev.orderly.orders.persistence.DeletedCustomers;
import dev.orderly.orders.persistence.NewOrders;
import dev.orderly.orders.persistence.OrderQueries;
import dev.orderly.orders.persistence.ProductCatalog;
import dev.orderly.platform.Actor;
import dev.orderly.platform.AfterCommit;
import dev.orderly.platform.SecurityEvents;

/**
 * The use cases of orders, for any {@link Actor}: a user, an administrator or the system. Writers
 * run in one transaction; the {@link Order} registers its event and {@link NewOrders#insert} (a new
 * order) or {@link Orders#save} publishes it inside that transaction (the event publication registry
 * makes that an outbox). The reads — {@link #find} and {@link #list} — are one query each and run
 * without a transaction.
 * <p>
 * Checks, in this order: an order the actor may not see is {@link OrderNotFound}; then what its role
 * may not do is {@code ActionNotAllowed} (both decided by {@link OrderPolicy}); then the expected
 * version ({@code StaleOrder}); then the lifecycle ({@code IllegalTransition},
 * {@code OrderNotEditable}). Writers lock the row first, so two concurrent changes of one order are
 * serialised and exactly one of two competing transitions wins.
 */
@Service
public class OrderManagement {

	/** Business events (docs/ops/README.md): one INFO line per state change, after commit. */
	private static final Logger LOG = LoggerFactory.getLogger(OrderManagement.class);

	private final Orders orders;

	private final NewOrders newOrders;

	private final ProductCatalog catalog;

	private final OrderQueries queries;

	private final DeletedCustomers deletedCustomers;

	private final Clock clock;

	private final Counter placed;

	OrderManagement(Orders orders, NewOrders newOrders, ProductCatalog catalog, OrderQueries queries,
			DeletedCustomers deletedCustomers, Clock clock, ObjectProvider<MeterRegistry> meters) {
		this.orders = orders;
		this.newOrders = newOrders;
		this.catalog = catalog;
		this.queries = queries;
		this.deletedCustomers = deletedCustomers;
		this.clock = clock;
		this.placed = Counter.builder("orderly.orders.placed")
			.description("Orders placed")
			.register(meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	/** Places an order for {@code ownerId}, priced from the price list; publishes {@code OrderPlaced}. */
	@Transactional
	public Order place(Actor actor, UUID ownerId, OrderDraft draft) {
		OrderPolicy.requireMayPlaceFor(actor, ownerId);
		deletedCustomers.requireNotDeleted(ownerId);
		PriceQuote quote = catalog.quote(draft.quantitiesBySku());
		Order order = newOrders.insert(Order.place(ownerId, quote, draft.shippingAddress(), blankToNull(draft.note()),
				clock));
		AfterCommit.run(() -> {
			placed.increment();
			LOG.atInfo().setMessage("order.placed")
				.addKeyValue("orderId", order.id())
				.addKeyValue("userId", ownerId)
				.addKeyValue("actorId", actor.id())
				.addKeyValue("items", order.lines().size())
				.addKeyValue("total", order.total())
				.addKeyValue("currency", order.currency())
				.log();
		});
		return order;
	}

	/** One query, no transaction: the read path of {@code GET /orders/{id}}. */
	public OrderView find(Actor actor, UUID id) {
		OrderView order = queries.one(id).orElseThrow(() -> new OrderNotFound(id));
		if (!OrderPolicy.maySee(actor, order.userId())) {
			SecurityEvents.hiddenAsNotFound("order", id, actor);
			throw new OrderNotFound(id);
		}
		return order;
	}

	/**
	 * One page of orders, newest first; {@code requested.userId()} is whose orders are asked for
	 * ({@code null}: the actor's own, or everyone's for administrators). One query, no transaction.
	 */
	public List<OrderView> list(Actor actor, OrderQueries.Filter requested) {
		return queries.page(requested.forUser(OrderPolicy.ownerToList(actor, requested.userId())));
	}

	@Transactional
	public Order replace(Actor actor, UUID id, ExpectedVersion expected, OrderDraft draft) {
		Order order = lock(id);
		OrderPolicy.requireMayEdit(actor, order);
		expected.check(order);
		order.replace(catalog.quote(draft.quantitiesBySku()), draft.shippingAddress(), blankToNull(draft.note()), clock);
		return orders.save(order);
	}

	@Transactional
	public Order amend(Actor actor, UUID id, ExpectedVersion expected, OrderAmendment patch) {
		Order order = lock(id);
		OrderPolicy.requireMayEdit(actor, order);
		expected.check(order);
		order.amend(patch.shippingAddress() != null ? patch.shippingAddress() : order.shippingAddress(),
				patch.note() != null ? blankToNull(patch.note()) : order.note(), clock);
		return orders.save(order);
	}

	/** Publishes {@code OrderCancelled}. */
	@Transactional
	public Order cancel(Actor actor, UUID id, ExpectedVersion expected, String reason) {
		Order order = lock(id);
		OrderPolicy.requireMayCancel(actor, order);
		expected.check(order);
		order.cancel(blankToNull(reason), clock);
		Order saved = orders.save(order);
		logAfterCommit("order.cancelled", saved, actor);
		return saved;
	}

	/** Publishes {@code OrderConfirmed}. */
	@Transactional
	public Order confirm(Actor actor, UUID id, ExpectedVersion expected) {
		return fulfil("order.confirmed", actor, id, expected, order -> order.confirm(clock));
	}

	/** Publishes {@code OrderShipped}. */
	@Transactional
	public Order ship(Actor actor, UUID id, ExpectedVersion expected, String trackingNumber) {
		return fulfil("order.shipped", actor, id, expected, order -> order.ship(trackingNumber.strip(), clock));
	}

	/** Publishes {@code OrderDelivered}. */
	@Transactional
	public Order deliver(Actor actor, UUID id, ExpectedVersion expected) {
		return fulfil("order.delivered", actor, id, expected, order -> order.deliver(clock));
	}

	@Transactional
	public void delete(Actor actor, UUID id, ExpectedVersion expected) {
		Order order = lock(id);
		OrderPolicy.requireMayDelete(actor, order);
		expected.check(order);
		order.delete(clock);
		logAfterCommit("order.deleted", orders.save(order), actor);
	}

	/**
	 * Cancels every open order of a user whose account was deleted (publishing {@code OrderCancelled}
	 * for each), and refuses their orders from now on ({@link DeletedCustomers}). Idempotent: orders
	 * that are no longer open are left alone, so a redelivered event changes nothing.
	 */
	@Transactional
	int cancelOpenOrdersOf(Actor actor, UUID userId, Instant deletedAt, String reason) {
		OrderPolicy.requireMayCloseAccount(actor);
		deletedCustomers.record(userId, deletedAt);
		int cancelled = 0;
		for (UUID id : orders.findOpenOrderIds(userId)) {
			Order order = orders.findLockedByIdAndDeletedAtIsNull(id).orElse(null);
			if (order != null && order.isOpen()) {
				order.cancel(reason, clock);
				logAfterCommit("order.cancelled", orders.save(order), actor);
				cancelled++;
			}
		}
		return cancelled;
	}

	/**
	 * The business event of a change of {@code order} by {@code actor}, logged once it committed (a
	 * rolled-back change is no event). With INFO off for this logger, {@code atInfo()} is a no-op
	 * builder: nothing is collected or formatted.
	 */
	private static void logAfterCommit(String event, Order order, Actor actor) {
		AfterCommit.run(() -> LOG.atInfo().setMessage(event)
			.addKeyValue("orderId", order.id())
			.addKeyValue("userId", order.userId())
			.addKeyValue("actorId", actor.id())
			.addKeyValue("status", order.status())
			.addKeyValue("total", order.total())
			.addKeyValue("currency", order.currency())
			.log());
	}

	private Order fulfil(String event, Actor actor, UUID id, ExpectedVersion expected, Consumer<Order> transition) {
		Order order = lock(id);
		OrderPolicy.requireMayFulfil(actor, order);
		expected.check(order);
		transition.accept(order);
		Order saved = orders.save(order);
		logAfterCommit(event, saved, actor);
		return saved;
	}

	/** The order, row-locked until the end of the transaction; who may see it is for the policy. */
	private Order lock(UUID id) {
		return orders.findLockedByIdAndDeletedAtIsNull(id).orElseThrow(() -> new OrderNotFound(id));
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
