package dev.orderly.orders.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderView;
import dev.orderly.orders.domain.Orders;
import dev.orderly.orders.domain.PriceQuote;
import dev.orderly.orders.domain.Pricing;
import dev.orderly.orders.domain.ShippingAddress;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NewOrders}, the one-statement insert of a new order: it writes what {@code save} would have
 * written, gives the order the version {@code save} gives, publishes its events the same way, and
 * leaves a row that Spring Data reads and updates as its own.
 */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
@RecordApplicationEvents
class NewOrdersIntegrationTests {

	@Autowired
	NewOrders newOrders;

	@Autowired
	Orders orders;

	@Autowired
	OrderQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	final Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789),
			ZoneOffset.UTC);

	final UUID user = UUID.randomUUID();

	/** A listener of another module, so that OrderPlaced goes through the publication registry. */
	@TestConfiguration
	static class ConsumerOfOrderPlaced {

		@Bean
		OrderPlacedConsumer orderPlacedConsumer() {
			return new OrderPlacedConsumer();
		}

		static class OrderPlacedConsumer {

			@ApplicationModuleListener
			void on(OrderPlaced event) {
			}
		}
	}

	/** Three lines (in an order that is not the skus' order), a discount, an address with empty parts, a note. */
	Order newOrder(String note) {
		List<PriceQuote.Line> lines = List.of(new PriceQuote.Line("SKU-C", "Tea", 450, 3, 1350),
				new PriceQuote.Line("SKU-A", "Coffee", 60_000, 2, 120_000), new PriceQuote.Line("SKU-B", "Mug", 990, 1, 990));
		PriceQuote quote = new PriceQuote("EUR", lines,
				Pricing.price(lines.stream().map(line -> new Pricing.Line(line.unitPrice(), line.quantity())).toList()));
		return Order.place(user, quote, new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE"),
				note, clock);
	}

	@Test
	void writesTheRowsThatSaveWouldHaveWrittenAndTheSameVersion() {
		Order saved = transactions.execute(status -> orders.save(newOrder("Ring twice")));
		Order inserted = transactions.execute(status -> newOrders.insert(newOrder("Ring twice")));
		assertThat(inserted.version()).isEqualTo(saved.version()).isZero();
		assertThat(row(inserted.id())).isEqualTo(row(saved.id()));
		assertThat(lines(inserted.id())).isEqualTo(lines(saved.id())).hasSize(3);
	}

	/** Every column but the id, as JSON. */
	String row(UUID id) {
		return jdbc.sql("SELECT (to_jsonb(o) - 'id')::text FROM orders.orders o WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	/** Every column but the order's id, in position order. */
	List<String> lines(UUID id) {
		return jdbc.sql("SELECT (to_jsonb(l) - 'order_id')::text FROM orders.order_lines l WHERE order_id = :id ORDER BY position")
			.param("id", id)
			.query(String.class)
			.list();
	}

	@Test
	void readsBackThroughTheReadPathAsPlaced() {
		Order inserted = transactions.execute(status -> newOrders.insert(newOrder(null)));
		OrderView read = queries.one(inserted.id()).orElseThrow();
		assertThat(read).isEqualTo(OrderView.of(inserted));
		assertThat(read.lines()).extracting(OrderView.LineView::sku).containsExactly("SKU-C", "SKU-A", "SKU-B");
		assertThat(read.version()).isZero();
		assertThat(read.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
		assertThat(jdbc.sql("SELECT position FROM orders.order_lines WHERE order_id = :id ORDER BY position")
			.param("id", inserted.id()).query(Integer.class).list()).containsExactly(0, 1, 2);
	}

	@Test
	void leavesARowThatSaveUpdatesWithTheReturnedVersionAndNotWithAStaleOne() {
		Order inserted = transactions.execute(status -> newOrders.insert(newOrder(null)));
		Order confirmed = transactions.execute(status -> {
			Order order = orders.findLockedByIdAndDeletedAtIsNull(inserted.id()).orElseThrow();
			assertThat(order.version()).isEqualTo(inserted.version());
			order.confirm(clock);
			return orders.save(order);
		});
		assertThat(confirmed.version()).isEqualTo(1);
		assertThat(queries.one(inserted.id()).orElseThrow().version()).isEqualTo(1);
		// the returned order, now stale, is refused by save's version check
		inserted.cancel("stale", clock);
		assertThatThrownBy(() -> transactions.execute(status -> orders.save(inserted)))
			.isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(queries.one(inserted.id()).orElseThrow().status().name()).isEqualTo("CONFIRMED");
	}

	@Test
	void publishesTheOrdersEventsOnceAsSaveDoesAndClearsThem(ApplicationEvents events) {
		Order inserted = transactions.execute(status -> newOrders.insert(newOrder(null)));
		assertThat(events.stream(OrderPlaced.class).filter(event -> event.orderId().equals(inserted.id())))
			.singleElement()
			.satisfies(event -> {
				assertThat(event.userId()).isEqualTo(user);
				assertThat(event.lines()).hasSize(3);
				assertThat(event.total()).isEqualTo(inserted.total());
			});
		// cleared: saving the order again publishes nothing more
		transactions.execute(status -> orders.save(inserted));
		assertThat(events.stream(OrderPlaced.class).filter(event -> event.orderId().equals(inserted.id()))).hasSize(1);
	}

	@Test
	void recordsTheEventPublicationInTheInsertingTransaction() {
		UUID[] id = new UUID[1];
		transactions.executeWithoutResult(status -> {
			id[0] = newOrders.insert(newOrder(null)).id();
			assertThat(publicationsOf(id[0])).as("inside the transaction").isEqualTo(1);
			status.setRollbackOnly();
		});
		assertThat(publicationsOf(id[0])).as("after the rollback").isZero();
		assertThat(queries.one(id[0])).as("nor the order").isEmpty();
	}

	long publicationsOf(UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE event_type LIKE '%OrderPlaced' AND serialized_event LIKE :id")
			.param("id", "%" + orderId + "%").query(Long.class).single();
	}

	@Test
	void mustRunInsideThePlacingTransactionAndTakesOnlyANewOrder() {
		assertThatThrownBy(() -> newOrders.insert(newOrder(null))).isInstanceOf(IllegalTransactionStateException.class);
		Order inserted = transactions.execute(status -> newOrders.insert(newOrder(null)));
		assertThatThrownBy(() -> transactions.execute(status -> newOrders.insert(inserted)))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
