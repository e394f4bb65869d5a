package dev.orderly.orders.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jmolecules.ddd.annotation.AggregateRoot;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.Ids;

/**
 * An order: priced lines in one currency, where it goes, and where it is in its lifecycle. It
 * guards its own rules — the state machine of {@link OrderStatus} ({@link IllegalTransition}), and
 * that only a {@code PLACED} order may be edited ({@link OrderNotEditable}). {@code version} is the
 * optimistic lock and the ETag.
 * <p>
 * Placing and every transition register their event ({@link OrderPlaced}, {@link OrderConfirmed},
 * {@link OrderShipped}, {@link OrderDelivered}, {@link OrderCancelled}); {@code NewOrders} (a new order)
 * and {@link Orders#save} publish them in the saving transaction, so a state change and its event
 * cannot drift apart.
 */
@AggregateRoot
@Table(schema = "orders", name = "orders")
public class Order extends AbstractAggregateRoot<Order> {

	@Id
	private final UUID id;

	@Version
	private Long version;

	private final UUID userId;

	private OrderStatus status;

	@MappedCollection(idColumn = "order_id", keyColumn = "position")
	private List<OrderItem> lines;

	private String currency;

	private long subtotal;

	private long discount;

	private long total;

	@Embedded(onEmpty = Embedded.OnEmpty.USE_NULL, prefix = "shipping_")
	private ShippingAddress shippingAddress;

	private String note;

	private String trackingNumber;

	private String cancellationReason;

	private Instant confirmedAt;

	private Instant shippedAt;

	private Instant deliveredAt;

	private Instant cancelledAt;

	private final Instant createdAt;

	private Instant updatedAt;

	private Instant deletedAt;

	@PersistenceCreator
	Order(UUID id, Long version, UUID userId, OrderStatus status, List<OrderItem> lines, String currency,
			long subtotal, long discount, long total, ShippingAddress shippingAddress, String note,
			String trackingNumber, String cancellationReason, Instant confirmedAt, Instant shippedAt,
			Instant deliveredAt, Instant cancelledAt, Instant createdAt, Instant updatedAt, Instant deletedAt) {
		this.id = id;
		this.version = version;
		this.userId = userId;
		this.status = status;
		this.lines = List.copyOf(lines);
		this.currency = currency;
		this.subtotal = subtotal;
		this.discount = discount;
		this.total = total;
		this.shippingAddress = shippingAddress;
		this.note = note;
		this.trackingNumber = trackingNumber;
		this.cancellationReason = cancellationReason;
		this.confirmedAt = confirmedAt;
		this.shippedAt = shippedAt;
		this.deliveredAt = deliveredAt;
		this.cancelledAt = cancelledAt;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.deletedAt = deletedAt;
	}

	/** A new order in {@code PLACED}, priced from the given quote. */
	public static Order place(UUID userId, PriceQuote quote, ShippingAddress shippingAddress, String note, Clock clock) {
		Instant now = now(clock);
		Order order = new Order(Ids.next(), null, userId, OrderStatus.PLACED, List.of(), quote.currency(), 0, 0, 0,
				shippingAddress, note, null, null, null, null, null, null, now, now, null);
		order.applyQuote(quote, now);
		order.registerEvent(new OrderPlaced(order.id, userId, order.lines.stream().map(OrderItem::toEvent).toList(),
				order.subtotal, order.discount, order.total, order.currency, now));
		return order;
	}

	/** Replaces the items (re-priced at today's prices), the address and the note; {@code PLACED} only. */
	public void replace(PriceQuote quote, ShippingAddress shippingAddress, String note, Clock clock) {
		requireEditable();
		Instant now = now(clock);
		applyQuote(quote, now);
		this.shippingAddress = shippingAddress;
		this.note = note;
		this.updatedAt = now;
	}

	/** Changes where the order goes and its note; {@code PLACED} only. */
	public void amend(ShippingAddress shippingAddress, String note, Clock clock) {
		requireEditable();
		this.shippingAddress = shippingAddress;
		this.note = note;
		this.updatedAt = now(clock);
	}

	public void confirm(Clock clock) {
		moveTo(OrderStatus.CONFIRMED, clock);
		this.confirmedAt = updatedAt;
		registerEvent(new OrderConfirmed(id, userId, total, currency, updatedAt));
	}

	public void ship(String trackingNumber, Clock clock) {
		moveTo(OrderStatus.SHIPPED, clock);
		this.trackingNumber = trackingNumber;
		this.shippedAt = updatedAt;
		registerEvent(new OrderShipped(id, userId, trackingNumber, updatedAt));
	}

	public void deliver(Clock clock) {
		moveTo(OrderStatus.DELIVERED, clock);
		this.deliveredAt = updatedAt;
		registerEvent(new OrderDelivered(id, userId, updatedAt));
	}

	public void cancel(String reason, Clock clock) {
		moveTo(OrderStatus.CANCELLED, clock);
		this.cancellationReason = reason;
		this.cancelledAt = updatedAt;
		registerEvent(new OrderCancelled(id, userId, reason, total, currency, updatedAt));
	}

	/** Soft delete: the order stays for the books but is invisible from now on. */
	public void delete(Clock clock) {
		Instant now = now(clock);
		this.deletedAt = now;
		this.updatedAt = now;
	}

	public boolean isOpen() {
		return OrderStatus.OPEN.contains(status);
	}

	private void moveTo(OrderStatus next, Clock clock) {
		if (!status.canBecome(next)) {
			throw new IllegalTransition(status, next);
		}
		this.status = next;
		this.updatedAt = now(clock);
	}

	private void requireEditable() {
		if (status != OrderStatus.PLACED) {
			throw new OrderNotEditable(status);
		}
	}

	private void applyQuote(PriceQuote quote, Instant now) {
		this.lines = quote.lines().stream()
			.map(line -> new OrderItem(line.sku(), line.name(), line.unitPrice(), line.quantity(), line.lineTotal(), now,
					now))
			.toList();
		this.currency = quote.currency();
		this.subtotal = quote.totals().subtotal();
		this.discount = quote.totals().discount();
		this.total = quote.totals().total();
	}

	private static Instant now(Clock clock) {
		// PostgreSQL keeps microseconds: what we return at once must equal what we read back later.
		return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * The events registered and not yet published. Visible to this package (its tests) only; the
	 * repository publishes through the annotated method of {@link AbstractAggregateRoot}.
	 */
	@Override
	protected Collection<Object> domainEvents() {
		return super.domainEvents();
	}

	public UUID id() {
		return id;
	}

	public Long version() {
		return version;
	}

	public UUID userId() {
		return userId;
	}

	public OrderStatus status() {
		return status;
	}

	public List<OrderItem> lines() {
		return lines;
	}

	public String currency() {
		return currency;
	}

	public long subtotal() {
		return subtotal;
	}

	public long discount() {
		return discount;
	}

	public long total() {
		return total;
	}

	public ShippingAddress shippingAddress() {
		return shippingAddress;
	}

	public String note() {
		return note;
	}

	String trackingNumber() {
		return trackingNumber;
	}

	public String cancellationReason() {
		return cancellationReason;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	Instant deletedAt() {
		return deletedAt;
	}
}
