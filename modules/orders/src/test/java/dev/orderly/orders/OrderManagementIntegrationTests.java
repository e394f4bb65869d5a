package dev.orderly.orders;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.UserDeleted;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders module alone, against PostgreSQL: its use cases, its events, its listener. */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class OrderManagementIntegrationTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	ProductCatalog catalog;

	@Autowired
	Orders repository;

	static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE");

	String product(long price, String currency) {
		String sku = "IT-" + UUID.randomUUID().toString().substring(0, 8);
		catalog.put(sku, "Product " + sku, price, currency, true);
		return sku;
	}

	OrderRequests.OrderRequest request(String sku, int quantity) {
		return new OrderRequests.OrderRequest(List.of(new OrderRequests.Item(sku, quantity)), ADDRESS, null);
	}

	@Test
	void placingAnOrderPublishesOrderPlacedWithServerPrices(Scenario scenario) {
		UUID user = UUID.randomUUID();
		String sku = product(6000, "EUR");
		scenario.stimulate(() -> orders.place(user, request(sku, 2)))
			.andWaitForEventOfType(OrderPlaced.class)
			.matching(event -> event.userId().equals(user))
			.toArriveAndVerify(event -> {
				assertThat(event.subtotal()).isEqualTo(12000);
				assertThat(event.discount()).isEqualTo(1200);
				assertThat(event.total()).isEqualTo(10800);
				assertThat(event.currency()).isEqualTo("EUR");
				assertThat(event.lines()).containsExactly(new OrderLine(sku, "Product " + sku, 2, 6000, 12000));
			});
	}

	@Test
	void countsPlacedOrdersInTheMeterRegistry(@Autowired org.springframework.context.ApplicationEventPublisher events,
			@Autowired java.time.Clock clock) {
		var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		var meters = new org.springframework.beans.factory.support.StaticListableBeanFactory(java.util.Map.of("registry", registry))
			.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class);
		OrderManagement management = new OrderManagement(repository, catalog, events, clock, meters);
		management.place(UUID.randomUUID(), request(product(100, "EUR"), 1));
		assertThat(registry.counter("orderly.orders.placed").count()).isEqualTo(1.0);
	}

	@Test
	void mergesRepeatedSkusIntoOneLine() {
		String sku = product(100, "EUR");
		Order order = orders.place(UUID.randomUUID(), new OrderRequests.OrderRequest(
				List.of(new OrderRequests.Item(sku, 2), new OrderRequests.Item(sku, 3)), ADDRESS, " "));
		assertThat(order.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(5));
		assertThat(order.note()).isNull();
		assertThat(repository.findById(order.id())).get().satisfies(stored -> {
			assertThat(stored.lines()).hasSize(1);
			assertThat(stored.shippingAddress()).isEqualTo(ADDRESS);
			assertThat(stored.version()).isEqualTo(order.version());
			assertThat(stored.createdAt()).isEqualTo(order.createdAt());
		});
	}

	@Test
	void deletingAUserCancelsTheirOpenOrdersOnceAndLeavesOthersAlone(Scenario scenario) {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		CurrentUser admin = new CurrentUser(UUID.randomUUID(), Set.of("ADMIN"));
		Order placed = orders.place(user, request(sku, 1));
		Order confirmed = orders.confirm(orders.place(user, request(sku, 1)).id(), admin, IfMatch.NONE);
		Order shipped = orders.place(user, request(sku, 1));
		orders.confirm(shipped.id(), admin, IfMatch.NONE);
		orders.ship(shipped.id(), admin, IfMatch.NONE, "TRACK");
		Order someoneElses = orders.place(UUID.randomUUID(), request(sku, 1));

		UserDeleted deleted = new UserDeleted(user, Instant.now());
		scenario.publish(deleted)
			.andWaitForEventOfType(OrderCancelled.class)
			.matching(event -> event.userId().equals(user))
			.toArriveAndVerify(event -> assertThat(event.reason()).isEqualTo("account deleted"));
		assertThat(status(placed)).isEqualTo(OrderStatus.CANCELLED);
		scenario.publish(deleted).andWaitForStateChange(() -> status(confirmed), OrderStatus.CANCELLED::equals)
			.andVerify(status -> assertThat(status).isEqualTo(OrderStatus.CANCELLED));

		// Redelivery changes nothing: the listener finds no open order of that user any more.
		assertThat(orders.cancelOpenOrdersOf(user, "account deleted")).isZero();
		assertThat(status(shipped)).isEqualTo(OrderStatus.SHIPPED);
		assertThat(status(someoneElses)).isEqualTo(OrderStatus.PLACED);
		assertThat(repository.findById(placed.id()).orElseThrow().cancellationReason()).isEqualTo("account deleted");
	}

	OrderStatus status(Order order) {
		return repository.findById(order.id()).orElseThrow().status();
	}
}
