package dev.orderly.orders.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;

import static dev.orderly.orders.OrdersApiFixture.SHIPPING_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order aggregate alone: its lifecycle, its edits, the events it registers, the exceptions it throws. */
public class OrderTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	static final Instant NOW = Instant.now(CLOCK);

	public static Order placed() {
		PriceQuote quote = new PriceQuote("EUR",
				List.of(new PriceQuote.Line("SKU-1", "Widget", 6000, 2, 12000)), new Pricing.Totals(12000, 1200, 10800));
		return Order.place(UUID.randomUUID(), quote, SHIPPING_ADDRESS, "ring twice", CLOCK);
	}

	/** An order in {@code status}, reached along the lifecycle (and registering its events on the way). */
	static Order in(OrderStatus status) {
		Order order = placed();
		switch (status) {
			case PLACED -> {
			}
			case CONFIRMED -> order.confirm(CLOCK);
			case SHIPPED -> {
				order.confirm(CLOCK);
				order.ship("TRACK-1", CLOCK);
			}
			case DELIVERED -> {
				order.confirm(CLOCK);
				order.ship("TRACK-1", CLOCK);
				order.deliver(CLOCK);
			}
			case CANCELLED -> order.cancel("changed my mind", CLOCK);
		}
		return order;
	}

	/** Moves the order to {@code target}; nothing moves to {@code PLACED}, so that is never a method. */
	static void apply(Order order, OrderStatus target) {
		switch (target) {
			case PLACED -> throw new IllegalTransition(order.status(), OrderStatus.PLACED);
			case CONFIRMED -> order.confirm(CLOCK);
			case SHIPPED -> order.ship("TRACK-2", CLOCK);
			case DELIVERED -> order.deliver(CLOCK);
			case CANCELLED -> order.cancel("reason", CLOCK);
		}
	}

	static final List<List<OrderStatus>> ALLOWED = List.of(List.of(OrderStatus.PLACED, OrderStatus.CONFIRMED),
			List.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED), List.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED),
			List.of(OrderStatus.PLACED, OrderStatus.CANCELLED), List.of(OrderStatus.CONFIRMED, OrderStatus.CANCELLED));

	static Stream<Arguments> everyPair() {
		return EnumSet.allOf(OrderStatus.class).stream()
			.flatMap(from -> EnumSet.allOf(OrderStatus.class).stream().map(to -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("everyPair")
	void allowsExactlyTheTransitionsOfTheLifecycle(OrderStatus from, OrderStatus to) {
		Order order = in(from);
		int events = order.domainEvents().size();
		if (ALLOWED.contains(List.of(from, to))) {
			apply(order, to);
			assertThat(order.status()).isEqualTo(to);
			assertThat(from.canBecome(to)).isTrue();
			assertThat(order.domainEvents()).as("the transition's event").hasSize(events + 1);
		}
		else {
			assertThatThrownBy(() -> apply(order, to)).isInstanceOfSatisfying(IllegalTransition.class, ex -> {
				assertThat(ex.from()).isEqualTo(from);
				assertThat(ex.to()).isEqualTo(to);
				assertThat(ex).hasMessage("An order in status " + from + " cannot become " + to);
				assertThat(ex.getStackTrace()).as("an outcome, not a bug").isEmpty();
			});
			assertThat(order.status()).isEqualTo(from);
			assertThat(order.domainEvents()).as("no event for a refused transition").hasSize(events);
		}
	}

	@Test
	void placesAnOrderWithItsQuoteCopiedIntoLinesAndRegistersOrderPlaced() {
		Order order = placed();
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(order.lines()).singleElement().satisfies(line -> {
			assertThat(line.sku()).isEqualTo("SKU-1");
			assertThat(line.lineTotal()).isEqualTo(12000);
		});
		assertThat(order.total()).isEqualTo(10800);
		assertThat(order.version()).isNull();
		assertThat(order.domainEvents()).containsExactly(new OrderPlaced(order.id(), order.userId(),
				List.of(new OrderLine("SKU-1", "Widget", 2, 6000, 12000)), 12000, 1200, 10800, "EUR", NOW));
	}

	@Test
	void registersTheEventOfEachTransition() {
		Order order = placed();
		order.confirm(CLOCK);
		order.ship("TRACK-1", CLOCK);
		order.deliver(CLOCK);
		assertThat(order.domainEvents()).hasSize(4).endsWith(
				new OrderConfirmed(order.id(), order.userId(), 10800, "EUR", NOW),
				new OrderShipped(order.id(), order.userId(), "TRACK-1", NOW),
				new OrderDelivered(order.id(), order.userId(), NOW));
		Order cancelled = in(OrderStatus.CONFIRMED);
		cancelled.cancel("changed my mind", CLOCK);
		assertThat(cancelled.domainEvents())
			.last().isEqualTo(new OrderCancelled(cancelled.id(), cancelled.userId(), "changed my mind", 10800, "EUR", NOW));
	}

	@Test
	void shipsWithATrackingNumberAndCancelsWithAReason() {
		Order shipped = in(OrderStatus.SHIPPED);
		assertThat(shipped.trackingNumber()).isEqualTo("TRACK-1");
		Order cancelled = in(OrderStatus.CANCELLED);
		assertThat(cancelled.cancellationReason()).isEqualTo("changed my mind");
		assertThat(cancelled.isOpen()).isFalse();
	}

	@Test
	void amendsOnlyAPlacedOrderAndRegistersNoEvent() {
		Order order = placed();
		ShippingAddress elsewhere = new ShippingAddress("Ada", "2 Side St", null, "Paris", null, "75001", "FR");
		order.amend(elsewhere, null, CLOCK);
		assertThat(order.shippingAddress()).isEqualTo(elsewhere);
		assertThat(order.note()).isNull();
		assertThat(order.domainEvents()).singleElement().isInstanceOf(OrderPlaced.class);
		for (OrderStatus status : EnumSet.complementOf(EnumSet.of(OrderStatus.PLACED))) {
			Order late = in(status);
			assertThatThrownBy(() -> late.amend(elsewhere, "x", CLOCK)).isInstanceOf(OrderNotEditable.class)
				.hasMessage("Only a PLACED order can be changed; this one is " + status);
			assertThatThrownBy(() -> late.replace(null, elsewhere, "x", CLOCK)).isInstanceOf(OrderNotEditable.class);
			assertThat(late.shippingAddress()).isEqualTo(SHIPPING_ADDRESS);
		}
	}

	@Test
	void checksTheExpectedVersion() {
		Order order = new Order(UUID.randomUUID(), 3L, UUID.randomUUID(), OrderStatus.PLACED, List.of(), "EUR", 0, 0, 0,
				SHIPPING_ADDRESS, null, null, null, null, null, null, null, NOW, NOW, null);
		ExpectedVersion.ANY.check(order);
		new ExpectedVersion(Set.of(2L, 3L)).check(order);
		assertThatThrownBy(() -> new ExpectedVersion(Set.of(2L)).check(order)).isInstanceOf(StaleOrder.class);
		assertThatThrownBy(() -> new ExpectedVersion(Set.of()).check(order)).isInstanceOf(StaleOrder.class);
	}
}
