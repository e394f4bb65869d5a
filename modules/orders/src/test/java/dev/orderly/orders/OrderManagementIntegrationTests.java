package dev.orderly.orders;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.platform.web.ApiException;
import dev.orderly.users.events.UserDeleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;

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
			@Autowired java.time.Clock clock, @Autowired OrderQueries queries, @Autowired DeletedCustomers deleted) {
		var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
		var meters = new org.springframework.beans.factory.support.StaticListableBeanFactory(java.util.Map.of("registry", registry))
			.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class);
		OrderManagement management = new OrderManagement(repository, catalog, queries, deleted, events, clock, meters);
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
		assertThat(orders.cancelOpenOrdersOf(user, java.time.Instant.now(), "account deleted")).isZero();
		assertThat(status(shipped)).isEqualTo(OrderStatus.SHIPPED);
		assertThat(status(someoneElses)).isEqualTo(OrderStatus.PLACED);
		assertThat(repository.findById(placed.id()).orElseThrow().cancellationReason()).isEqualTo("account deleted");
	}

	@Test
	void refusesOrdersForADeletedAccount() {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		orders.cancelOpenOrdersOf(user, Instant.now(), "account deleted");

		assertThatThrownBy(() -> orders.place(user, request(sku, 1))).isInstanceOfSatisfying(ApiException.class,
				ex -> assertThat(ex.status()).isEqualTo(HttpStatus.NOT_FOUND));
		assertThat(repository.findAll()).noneMatch(order -> order.userId().equals(user));
	}

	@Test
	void cancelsAnOrderPlacedWhileTheAccountIsBeingDeleted(@Autowired TransactionTemplate transactions,
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		CountDownLatch placedNotCommitted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Order> placement = threads.submit(() -> transactions.execute(status -> {
				Order order = orders.place(user, request(sku, 1));
				placedNotCommitted.countDown();
				await(commit);
				return order;
			}));
			assertThat(placedNotCommitted.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Integer> cancellation = threads
				.submit(() -> orders.cancelOpenOrdersOf(user, Instant.now(), "account deleted"));
			// the deletion waits for the placement that passed the check before it ...
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc
				.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").query(Long.class)
				.single() > 0);
			assertThat(cancellation).isNotDone();
			commit.countDown();
			Order raced = placement.get(10, TimeUnit.SECONDS);
			// ... and then cancels its order with the others
			assertThat(cancellation.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(status(raced)).isEqualTo(OrderStatus.CANCELLED);
		}
		finally {
			commit.countDown();
			threads.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	OrderStatus status(Order order) {
		return repository.findById(order.id()).orElseThrow().status();
	}
}
