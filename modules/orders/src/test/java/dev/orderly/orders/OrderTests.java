package dev.orderly.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.orderly.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

	static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE");

	static Order placed() {
		PriceQuote quote = new PriceQuote("EUR",
				List.of(new PriceQuote.Line("SKU-1", "Widget", 6000, 2, 12000)), new Pricing.Totals(12000, 1200, 10800));
		return Order.place(UUID.randomUUID(), quote, ADDRESS, "ring twice", CLOCK);
	}

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

	static void apply(Order order, OrderStatus target) {
		switch (target) {
			case PLACED -> throw ApiException.conflict("INVALID_STATE_TRANSITION", "nothing becomes PLACED");
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
		if (ALLOWED.contains(List.of(from, to))) {
			apply(order, to);
			assertThat(order.status()).isEqualTo(to);
			assertThat(from.canBecome(to)).isTrue();
		}
		else {
			assertThatThrownBy(() -> apply(order, to)).isInstanceOf(ApiException.class)
				.extracting(ex -> ((ApiException) ex).code()).isEqualTo("INVALID_STATE_TRANSITION");
			assertThat(order.status()).isEqualTo(from);
		}
	}

	@Test
	void placesAnOrderWithItsQuoteCopiedIntoLines() {
		Order order = placed();
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(order.lines()).singleElement().satisfies(line -> {
			assertThat(line.sku()).isEqualTo("SKU-1");
			assertThat(line.lineTotal()).isEqualTo(12000);
		});
		assertThat(order.total()).isEqualTo(10800);
		assertThat(order.version()).isNull();
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
	void amendsOnlyAPlacedOrder() {
		Order order = placed();
		ShippingAddress elsewhere = new ShippingAddress("Ada", "2 Side St", null, "Paris", null, "75001", "FR");
		order.amend(elsewhere, null, CLOCK);
		assertThat(order.shippingAddress()).isEqualTo(elsewhere);
		assertThat(order.note()).isNull();
		Order confirmed = in(OrderStatus.CONFIRMED);
		assertThatThrownBy(() -> confirmed.amend(elsewhere, "x", CLOCK)).isInstanceOf(ApiException.class)
			.extracting(ex -> ((ApiException) ex).code()).isEqualTo("ORDER_NOT_EDITABLE");
	}
}
