package dev.orderly.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiException;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;

/**
 * The use cases of orders. Each runs in one transaction and publishes its event inside it (the
 * event publication registry makes that an outbox).
 * <p>
 * Access checks, in this order: an order the caller may not see is 404; then a role the caller
 * lacks is 403 (confirm, ship, deliver, delete are for admins; edits for the owner); then
 * {@code If-Match} (412); then the state machine (409). Writers lock the row first, so two
 * concurrent changes of one order are serialised and exactly one of two competing transitions wins.
 */
@Service
class OrderManagement {

	private final Orders orders;

	private final ProductCatalog catalog;

	private final OrderQueries queries;

	private final DeletedCustomers deletedCustomers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Counter placed;

	OrderManagement(Orders orders, ProductCatalog catalog, OrderQueries queries, DeletedCustomers deletedCustomers,
			ApplicationEventPublisher events, Clock clock, ObjectProvider<MeterRegistry> meters) {
		this.orders = orders;
		this.catalog = catalog;
		this.queries = queries;
		this.deletedCustomers = deletedCustomers;
		this.events = events;
		this.clock = clock;
		this.placed = Counter.builder("orderly.orders.placed")
			.description("Orders placed")
			.register(meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Transactional
	Order place(UUID ownerId, OrderRequests.OrderRequest request) {
		deletedCustomers.requireNotDeleted(ownerId);
		PriceQuote quote = catalog.quote(request.quantitiesBySku());
		Order order = orders.save(Order.place(ownerId, quote, request.shippingAddress(), blankToNull(request.note()), clock));
		events.publishEvent(new OrderPlaced(order.id(), order.userId(),
				order.lines().stream().map(OrderItem::toEvent).toList(), order.subtotal(), order.discount(),
				order.total(), order.currency(), order.createdAt()));
		countAfterCommit();
		return order;
	}

	/** One query, no transaction: the read path of {@code GET /orders/{id}}. */
	OrderView find(UUID id, CurrentUser caller) {
		return queries.one(id).filter(order -> caller.mayAccess(order.userId())).orElseThrow(ApiException::notFound);
	}

	@Transactional
	Order replace(UUID id, CurrentUser caller, IfMatch ifMatch, OrderRequests.OrderRequest request) {
		Order order = lockForOwner(id, caller, ifMatch);
		order.replace(catalog.quote(request.quantitiesBySku()), request.shippingAddress(), blankToNull(request.note()),
				clock);
		return orders.save(order);
	}

	@Transactional
	Order amend(UUID id, CurrentUser caller, IfMatch ifMatch, OrderRequests.OrderPatch patch) {
		Order order = lockForOwner(id, caller, ifMatch);
		order.amend(patch.shippingAddress() != null ? patch.shippingAddress() : order.shippingAddress(),
				patch.note() != null ? blankToNull(patch.note()) : order.note(), clock);
		return orders.save(order);
	}

	@Transactional
	Order cancel(UUID id, CurrentUser caller, IfMatch ifMatch, String reason) {
		Order order = lockVisible(id, caller);
		ifMatch.check(order.version());
		return cancel(order, blankToNull(reason));
	}

	@Transactional
	Order confirm(UUID id, CurrentUser caller, IfMatch ifMatch) {
		return transitionAsAdmin(id, caller, ifMatch, order -> order.confirm(clock),
				order -> new OrderConfirmed(order.id(), order.userId(), order.total(), order.currency(), order.updatedAt()));
	}

	@Transactional
	Order ship(UUID id, CurrentUser caller, IfMatch ifMatch, String trackingNumber) {
		return transitionAsAdmin(id, caller, ifMatch, order -> order.ship(trackingNumber.strip(), clock),
				order -> new OrderShipped(order.id(), order.userId(), order.trackingNumber(), order.updatedAt()));
	}

	@Transactional
	Order deliver(UUID id, CurrentUser caller, IfMatch ifMatch) {
		return transitionAsAdmin(id, caller, ifMatch, order -> order.deliver(clock),
				order -> new OrderDelivered(order.id(), order.userId(), order.updatedAt()));
	}

	@Transactional
	void delete(UUID id, CurrentUser caller, IfMatch ifMatch) {
		Order order = lockVisible(id, caller);
		requireAdmin(caller);
		ifMatch.check(order.version());
		order.delete(clock);
		orders.save(order);
	}

	/**
	 * Cancels every open order of a user whose account was deleted, and refuses their orders from
	 * now on ({@link DeletedCustomers}). Idempotent: orders that are no longer open are left alone,
	 * so a redelivered event changes nothing.
	 */
	@Transactional
	int cancelOpenOrdersOf(UUID userId, Instant deletedAt, String reason) {
		deletedCustomers.record(userId, deletedAt);
		int cancelled = 0;
		for (UUID id : openOrderIdsOf(userId)) {
			Order order = orders.findLockedByIdAndDeletedAtIsNull(id).orElse(null);
			if (order != null && order.isOpen()) {
				cancel(order, reason);
				cancelled++;
			}
		}
		return cancelled;
	}

	/** Counts only orders that really exist: a rolled-back placement is not counted. */
	private void countAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					placed.increment();
				}
			});
		}
		else {
			placed.increment();
		}
	}

	private List<UUID> openOrderIdsOf(UUID userId) {
		return orders.findOpenOrderIds(userId);
	}

	private Order cancel(Order order, String reason) {
		order.cancel(reason, clock);
		Order saved = orders.save(order);
		events.publishEvent(new OrderCancelled(saved.id(), saved.userId(), reason, saved.total(), saved.currency(),
				saved.updatedAt()));
		return saved;
	}

	private Order transitionAsAdmin(UUID id, CurrentUser caller, IfMatch ifMatch, Consumer<Order> transition,
			Function<Order, Object> event) {
		Order order = lockVisible(id, caller);
		requireAdmin(caller);
		ifMatch.check(order.version());
		transition.accept(order);
		Order saved = orders.save(order);
		events.publishEvent(event.apply(saved));
		return saved;
	}

	private Order lockForOwner(UUID id, CurrentUser caller, IfMatch ifMatch) {
		Order order = lockVisible(id, caller);
		if (!order.userId().equals(caller.id())) {
			throw ApiException.forbidden();
		}
		ifMatch.check(order.version());
		return order;
	}

	private Order lockVisible(UUID id, CurrentUser caller) {
		return orders.findLockedByIdAndDeletedAtIsNull(id).filter(order -> caller.mayAccess(order.userId()))
			.orElseThrow(ApiException::notFound);
	}

	private static void requireAdmin(CurrentUser caller) {
		if (!caller.isAdmin()) {
			throw ApiException.forbidden();
		}
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
