package dev.orderly.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import dev.orderly.platform.Ids;
import dev.orderly.platform.web.ApiException;

/**
 * An order: priced lines in one currency, where it goes, and where it is in its lifecycle. It
 * guards its own rules — the state machine of {@link OrderStatus}, and that only a
 * {@code PLACED} order may be edited. {@code version} is the optimistic lock and the ETag.
 */
@Table(schema = "orders", name = "orders")
class Order {

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
	static Order place(UUID userId, PriceQuote quote, ShippingAddress shippingAddress, String note, Clock clock) {
		Instant now = now(clock);
		Order order = new Order(Ids.next(), null, userId, OrderStatus.PLACED, List.of(), quote.currency(), 0, 0, 0,
				shippingAddress, note, null, null, null, null, null, null, now, now, null);
		order.applyQuote(quote, now);
		return order;
	}

	/** Replaces the items (re-priced at today's prices), the address and the note; {@code PLACED} only. */
	void replace(PriceQuote quote, ShippingAddress shippingAddress, String note, Clock clock) {
		requireEditable();
		Instant now = now(clock);
		applyQuote(quote, now);
		this.shippingAddress = shippingAddress;
		this.note = note;
		this.updatedAt = now;
	}

	/** Changes where the order goes and its note; {@code PLACED} only. */
	void amend(ShippingAddress shippingAddress, String note, Clock clock) {
		requireEditable();
		this.shippingAddress = shippingAddress;
		this.note = note;
		this.updatedAt = now(clock);
	}

	void confirm(Clock clock) {
		moveTo(OrderStatus.CONFIRMED, clock);
		this.confirmedAt = updatedAt;
	}

	void ship(String trackingNumber, Clock clock) {
		moveTo(OrderStatus.SHIPPED, clock);
		this.trackingNumber = trackingNumber;
		this.shippedAt = updatedAt;
	}

	void deliver(Clock clock) {
		moveTo(OrderStatus.DELIVERED, clock);
		this.deliveredAt = updatedAt;
	}

	void cancel(String reason, Clock clock) {
		moveTo(OrderStatus.CANCELLED, clock);
		this.cancellationReason = reason;
		this.cancelledAt = updatedAt;
	}

	/** Soft delete: the order stays for the books but is invisible from now on. */
	void delete(Clock clock) {
		Instant now = now(clock);
		this.deletedAt = now;
		this.updatedAt = now;
	}

	boolean isOpen() {
		return OrderStatus.OPEN.contains(status);
	}

	private void moveTo(OrderStatus next, Clock clock) {
		if (!status.canBecome(next)) {
			throw ApiException.conflict("INVALID_STATE_TRANSITION",
					"An order in status " + status + " cannot become " + next);
		}
		this.status = next;
		this.updatedAt = now(clock);
	}

	private void requireEditable() {
		if (status != OrderStatus.PLACED) {
			throw ApiException.conflict("ORDER_NOT_EDITABLE", "Only a PLACED order can be changed; this one is " + status);
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

	UUID id() {
		return id;
	}

	Long version() {
		return version;
	}

	UUID userId() {
		return userId;
	}

	OrderStatus status() {
		return status;
	}

	List<OrderItem> lines() {
		return lines;
	}

	String currency() {
		return currency;
	}

	long subtotal() {
		return subtotal;
	}

	long discount() {
		return discount;
	}

	long total() {
		return total;
	}

	ShippingAddress shippingAddress() {
		return shippingAddress;
	}

	String note() {
		return note;
	}

	String trackingNumber() {
		return trackingNumber;
	}

	String cancellationReason() {
		return cancellationReason;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	Instant deletedAt() {
		return deletedAt;
	}
}
