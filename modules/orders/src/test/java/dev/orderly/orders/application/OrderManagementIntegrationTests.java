package dev.orderly.orders.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.OrdersApiFixture;
import dev.orderly.orders.domain.ActionNotAllowed;
import dev.orderly.orders.domain.CustomerDeleted;
import dev.orderly.orders.domain.ExpectedVersion;
import dev.orderly.orders.domain.IllegalTransition;
import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderNotFound;
import dev.orderly.orders.domain.OrderStatus;
import dev.orderly.orders.domain.Orders;
import dev.orderly.orders.domain.StaleOrder;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.orders.events.PriceListChanged;
import dev.orderly.orders.persistence.DeletedCustomers;
import dev.orderly.orders.persistence.NewOrders;
import dev.orderly.orders.persistence.OrderQueries;
import dev.orderly.orders.persistence.ProductCatalog;
import dev.orderly.platform.Actor;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.events.UserDeleted;

import static dev.orderly.orders.OrdersApiFixture.SHIPPING_ADDRESS;
import static dev.orderly.orders.OrdersApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

	@Autowired
	JdbcClient jdbc;

	final Actor admin = new Actor(UUID.randomUUID(), Set.of(Actor.ADMIN));

	/** Customers act for themselves. */
	static Actor customer(UUID id) {
		return new Actor(id, Set.of(Actor.USER));
	}

	String product(long price, String currency) {
		return OrdersApiFixture.product(catalog, price, currency);
	}

	Order place(UUID user, String sku) {
		return orders.place(customer(user), user, request(sku, 1));
	}

	/** A listener of another module, so that orders' events go through the publication registry. */
	@TestConfiguration
	static class ConsumerOfOrderEvents {

		@Bean
		OrderConfirmedConsumer orderConfirmedConsumer() {
			return new OrderConfirmedConsumer();
		}

		static class OrderConfirmedConsumer {

			@ApplicationModuleListener
			void on(OrderConfirmed event) {
			}
		}
	}

	@Test
	void changingThePriceListPublishesWhatChangedAndWho(Scenario scenario, @Autowired ProductManagement products) {
		String sku = "AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
		scenario.stimulate(() -> products.put(admin, sku, "Tea", 450, "EUR", true))
			.andWaitForEventOfType(PriceListChanged.class)
			.matching(event -> event.sku().equals(sku))
			.toArriveAndVerify(event -> {
				assertThat(event.before()).isNull();
				assertThat(event.after()).isEqualTo(new PriceListChanged.Entry("Tea", 450, "EUR", true));
				assertThat(event.actorId()).isEqualTo(admin.id());
			});
		scenario.stimulate(() -> products.deactivate(admin, sku))
			.andWaitForEventOfType(PriceListChanged.class)
			.matching(event -> event.sku().equals(sku) && event.before() != null)
			.toArriveAndVerify(event -> {
				assertThat(event.before()).isEqualTo(new PriceListChanged.Entry("Tea", 450, "EUR", true));
				assertThat(event.after()).isEqualTo(new PriceListChanged.Entry("Tea", 450, "EUR", false));
			});
	}

	@Test
	void placingAnOrderPublishesOrderPlacedWithServerPrices(Scenario scenario) {
		UUID user = UUID.randomUUID();
		String sku = product(6000, "EUR");
		scenario.stimulate(() -> orders.place(customer(user), user, request(sku, 2)))
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
	void eachTransitionPublishesItsEventWhenTheOrderIsSaved(Scenario scenario) {
		UUID user = UUID.randomUUID();
		UUID id = place(user, product(500, "EUR")).id();
		scenario.stimulate(() -> orders.confirm(admin, id, ExpectedVersion.ANY))
			.andWaitForEventOfType(OrderConfirmed.class).matching(event -> event.orderId().equals(id))
			.toArriveAndVerify(event -> assertThat(event.total()).isEqualTo(500));
		scenario.stimulate(() -> orders.ship(admin, id, ExpectedVersion.ANY, " TRACK-9 "))
			.andWaitForEventOfType(OrderShipped.class).matching(event -> event.orderId().equals(id))
			.toArriveAndVerify(event -> assertThat(event.trackingNumber()).isEqualTo("TRACK-9"));
		scenario.stimulate(() -> orders.deliver(admin, id, ExpectedVersion.ANY))
			.andWaitForEventOfType(OrderDelivered.class).matching(event -> event.orderId().equals(id))
			.toArriveAndVerify(event -> assertThat(event.userId()).isEqualTo(user));
		UUID other = place(user, product(500, "EUR")).id();
		scenario.stimulate(() -> orders.cancel(customer(user), other, ExpectedVersion.ANY, " too late "))
			.andWaitForEventOfType(OrderCancelled.class).matching(event -> event.orderId().equals(other))
			.toArriveAndVerify(event -> assertThat(event.reason()).isEqualTo("too late"));
	}

	@Test
	void recordsTheEventInThePublicationRegistryInTheTransactionOfTheChange(
			@Autowired TransactionTemplate transactions) {
		UUID id = place(UUID.randomUUID(), product(500, "EUR")).id();
		transactions.executeWithoutResult(status -> {
			orders.confirm(admin, id, ExpectedVersion.ANY);
			assertThat(publicationsOf(id)).as("inside the transaction").isEqualTo(1);
			status.setRollbackOnly();
		});
		assertThat(publicationsOf(id)).as("after the rollback").isZero();
	}

	long publicationsOf(UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%OrderConfirmed' AND serialized_event LIKE :id")
			.param("id", "%" + orderId + "%").query(Long.class).single();
	}

	@Test
	void countsPlacedOrdersInTheMeterRegistry(@Autowired Clock clock, @Autowired OrderQueries queries,
			@Autowired DeletedCustomers deleted, @Autowired NewOrders newOrders,
			@Autowired TransactionTemplate transactions) {
		var registry = new SimpleMeterRegistry();
		var meters = new StaticListableBeanFactory(Map.of("registry", registry)).getBeanProvider(MeterRegistry.class);
		OrderManagement management = new OrderManagement(repository, newOrders, catalog, queries, deleted, clock, meters);
		UUID user = UUID.randomUUID();
		String sku = product(100, "EUR");
		// not a bean: the transaction of @Transactional comes from the template
		transactions.executeWithoutResult(status -> management.place(customer(user), user, request(sku, 1)));
		assertThat(registry.counter("orderly.orders.placed").count()).isEqualTo(1.0);
	}

	@Test
	void mergesRepeatedSkusIntoOneLine() {
		String sku = product(100, "EUR");
		UUID user = UUID.randomUUID();
		Order order = orders.place(customer(user), user, new OrderDraft(
				List.of(new OrderDraft.Line(sku, 2), new OrderDraft.Line(sku, 3)), SHIPPING_ADDRESS, " "));
		assertThat(order.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(5));
		assertThat(order.note()).isNull();
		assertThat(repository.findById(order.id())).get().satisfies(stored -> {
			assertThat(stored.lines()).hasSize(1);
			assertThat(stored.shippingAddress()).isEqualTo(SHIPPING_ADDRESS);
			assertThat(stored.version()).isEqualTo(order.version());
			assertThat(stored.createdAt()).isEqualTo(order.createdAt());
		});
	}

	@Test
	void judgesTheActorBeforeTheVersionAndTheVersionBeforeTheLifecycle() {
		UUID owner = UUID.randomUUID();
		Order order = place(owner, product(100, "EUR"));
		ExpectedVersion stale = new ExpectedVersion(Set.of(order.version() + 1));
		assertThatThrownBy(() -> orders.deliver(customer(UUID.randomUUID()), order.id(), stale))
			.isInstanceOf(OrderNotFound.class);
		assertThatThrownBy(() -> orders.deliver(customer(owner), order.id(), stale))
			.isInstanceOf(ActionNotAllowed.class);
		assertThatThrownBy(() -> orders.deliver(admin, order.id(), stale)).isInstanceOf(StaleOrder.class);
		assertThatThrownBy(() -> orders.deliver(admin, order.id(), new ExpectedVersion(Set.of(order.version()))))
			.isInstanceOf(IllegalTransition.class);
		assertThatThrownBy(() -> orders.find(customer(UUID.randomUUID()), order.id())).isInstanceOf(OrderNotFound.class);
		assertThat(orders.find(Actor.system(), order.id()).id()).isEqualTo(order.id());
	}

	@Test
	void deletingAUserCancelsTheirOpenOrdersOnceAndLeavesOthersAlone(Scenario scenario) {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		Order placed = place(user, sku);
		Order confirmed = orders.confirm(admin, place(user, sku).id(), ExpectedVersion.ANY);
		Order shipped = place(user, sku);
		orders.confirm(admin, shipped.id(), ExpectedVersion.ANY);
		orders.ship(admin, shipped.id(), ExpectedVersion.ANY, "TRACK");
		Order someoneElses = place(UUID.randomUUID(), sku);

		UserDeleted deleted = new UserDeleted(user, Instant.now());
		// Waits for the committed state, not for the first event: the listener publishes one
		// OrderCancelled per order inside its transaction, before that transaction commits.
		scenario.publish(deleted)
			.andWaitForStateChange(() -> List.of(status(placed), status(confirmed)),
					statuses -> statuses.stream().allMatch(OrderStatus.CANCELLED::equals))
			.andVerifyEvents(events -> assertThat(events.ofType(OrderCancelled.class)
				.matching(event -> event.userId().equals(user)))
				.extracting(OrderCancelled::reason)
				.containsOnly("account deleted"));

		// Redelivery changes nothing: the listener finds no open order of that user any more.
		assertThat(orders.cancelOpenOrdersOf(Actor.system(), user, Instant.now(), "account deleted")).isZero();
		assertThat(status(shipped)).isEqualTo(OrderStatus.SHIPPED);
		assertThat(status(someoneElses)).isEqualTo(OrderStatus.PLACED);
		assertThat(repository.findById(placed.id()).orElseThrow().cancellationReason()).isEqualTo("account deleted");
	}

	@Test
	void letsOnlyTheSystemCloseAnAccountsOrders() {
		UUID user = UUID.randomUUID();
		Order order = place(user, product(500, "EUR"));
		assertThatThrownBy(() -> orders.cancelOpenOrdersOf(admin, user, Instant.now(), "account deleted"))
			.isInstanceOf(ActionNotAllowed.class);
		assertThat(status(order)).isEqualTo(OrderStatus.PLACED);
	}

	@Test
	void refusesOrdersForADeletedAccount() {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		orders.cancelOpenOrdersOf(Actor.system(), user, Instant.now(), "account deleted");

		assertThatThrownBy(() -> place(user, sku)).isInstanceOf(CustomerDeleted.class);
		assertThat(repository.findAll()).noneMatch(order -> order.userId().equals(user));
	}

	@Test
	void cancelsAnOrderPlacedWhileTheAccountIsBeingDeleted(@Autowired TransactionTemplate transactions)
			throws Exception {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		CountDownLatch placedNotCommitted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Order> placement = threads.submit(() -> transactions.execute(status -> {
				Order order = place(user, sku);
				placedNotCommitted.countDown();
				awaitQuietly(commit);
				return order;
			}));
			assertThat(placedNotCommitted.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Integer> cancellation = threads
				.submit(() -> orders.cancelOpenOrdersOf(Actor.system(), user, Instant.now(), "account deleted"));
			// the deletion waits for the placement that passed the check before it ...
			await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
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

	@Test
	void refusesAPlacementThatWaitedForTheDeletionOfItsAccount(@Autowired TransactionTemplate transactions)
			throws Exception {
		UUID user = UUID.randomUUID();
		String sku = product(500, "EUR");
		CountDownLatch deletedNotCommitted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> cancellation = threads.submit(() -> transactions.execute(status -> {
				int cancelled = orders.cancelOpenOrdersOf(Actor.system(), user, Instant.now(), "account deleted");
				deletedNotCommitted.countDown();
				awaitQuietly(commit);
				return cancelled;
			}));
			assertThat(deletedNotCommitted.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Order> placement = threads.submit(() -> place(user, sku));
			// the placement waits for the deletion's lock ...
			await().atMost(Duration.ofSeconds(10)).until(() -> jdbc
				.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").query(Long.class)
				.single() > 0);
			commit.countDown();
			assertThat(cancellation.get(10, TimeUnit.SECONDS)).isZero();
			// ... and then sees the committed deletion: its check reads a snapshot taken after the lock
			assertThatThrownBy(() -> placement.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CustomerDeleted.class);
		}
		finally {
			commit.countDown();
			threads.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
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
