package dev.orderly.orders.persistence;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.relational.core.conversion.RelationalEntityVersionUtils;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.util.AnnotationDetectionMethodCallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderItem;
import dev.orderly.orders.domain.OrderStatus;
import dev.orderly.orders.domain.Orders;
import dev.orderly.orders.domain.ShippingAddress;

/**
 * New orders, each inserted with its lines in one statement: one round trip where
 * {@link Orders#save} takes two (the order's INSERT, then the batch of its lines). Hand-written on
 * purpose (ADR 0043) for the one write on the hot path of {@code POST /orders}; every later change
 * of an order goes through {@link Orders#save}.
 * <p>
 * It does for a new order what {@code save} does, so that Spring Data reads and updates the row as
 * its own:
 * <ul>
 * <li>it writes every column of {@link Order} — the embedded {@link ShippingAddress} as its
 * {@code shipping_} columns, the lines keyed by their index in {@link Order#lines()} from 0
 * ({@code position}); a new order is {@code PLACED}, so its lifecycle columns (tracking number,
 * cancellation, each step's {@code …_at}, deletion) are empty;</li>
 * <li>it gives the order the version Spring Data JDBC gives a new aggregate, so the ETag and the
 * version check of the next {@code save} are the same;</li>
 * <li>it publishes the events the order registered and clears them, as Spring Data's repositories do
 * after a {@code save}: the methods annotated {@link DomainEvents} and
 * {@link AfterDomainEventPublication}, found the way Spring Data finds them, and the application's
 * {@link ApplicationEventPublisher} — in the inserting transaction, where the event publication
 * registry stores them with the order (the outbox).</li>
 * </ul>
 * Spring Data JDBC's own lifecycle events and callbacks of a save ({@code BeforeSaveEvent},
 * {@code AfterSaveEvent} …) are not raised: nothing in Orderly listens to them.
 * The lines travel as one array per column, unnested in their order: the statement's text is the
 * same whatever the number of lines, so PostgreSQL prepares it once.
 */
@Repository
public class NewOrders {

	private static final String INSERT = """
			WITH new_order AS (
			  INSERT INTO orders.orders (id, version, user_id, status, currency, subtotal, discount, total,
			    shipping_name, shipping_line1, shipping_line2, shipping_city, shipping_region, shipping_postal_code,
			    shipping_country, note, tracking_number, cancellation_reason, confirmed_at, shipped_at,
			    delivered_at, cancelled_at, created_at, updated_at, deleted_at)
			  VALUES (:id, :version, :userId, :status, :currency, :subtotal, :discount, :total, :shippingName,
			    :shippingLine1, :shippingLine2, :shippingCity, :shippingRegion, :shippingPostalCode,
			    :shippingCountry, :note, NULL, NULL, NULL, NULL, NULL, NULL, :createdAt, :updatedAt, NULL))
			INSERT INTO orders.order_lines (order_id, position, sku, name, unit_price, quantity, line_total,
			  created_at, updated_at)
			SELECT :id, line.ordinality - 1, line.sku, line.name, line.unit_price, line.quantity, line.line_total,
			  line.created_at, line.updated_at
			FROM unnest(CAST(:skus AS text[]), CAST(:names AS text[]), CAST(:unitPrices AS bigint[]),
			  CAST(:quantities AS integer[]), CAST(:lineTotals AS bigint[]), CAST(:createdAts AS timestamptz[]),
			  CAST(:updatedAts AS timestamptz[]))
			  WITH ORDINALITY AS line (sku, name, unit_price, quantity, line_total, created_at, updated_at, ordinality)""";

	private final JdbcClient jdbc;

	private final JdbcConverter converter;

	private final RelationalPersistentEntity<Order> entity;

	private final ApplicationEventPublisher events;

	private final Method domainEvents;

	private final Method clearDomainEvents;

	@SuppressWarnings("unchecked")
	NewOrders(JdbcClient jdbc, JdbcConverter converter, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.converter = converter;
		this.entity = (RelationalPersistentEntity<Order>) converter.getMappingContext()
			.getRequiredPersistentEntity(Order.class);
		this.events = events;
		this.domainEvents = annotated(DomainEvents.class);
		this.clearDomainEvents = annotated(AfterDomainEventPublication.class);
	}

	/**
	 * Inserts a new order ({@link Order#place}, never saved) with its lines and publishes its events,
	 * in the current transaction: the order and its event publications commit together or not at all.
	 *
	 * @return the order, with the version {@code save} would have given it
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Order insert(Order order) {
		Assert.isTrue(order.version() == null && order.status() == OrderStatus.PLACED, "Not a new order");
		Order inserted = withInitialVersion(order);
		ShippingAddress address = order.shippingAddress();
		List<OrderItem> lines = order.lines();
		jdbc.sql(INSERT)
			.param("id", order.id())
			.param("version", inserted.version())
			.param("userId", order.userId())
			.param("status", order.status().name())
			.param("currency", order.currency())
			.param("subtotal", order.subtotal())
			.param("discount", order.discount())
			.param("total", order.total())
			.param("shippingName", address.name())
			.param("shippingLine1", address.line1())
			.param("shippingLine2", address.line2(), Types.VARCHAR)
			.param("shippingCity", address.city())
			.param("shippingRegion", address.region(), Types.VARCHAR)
			.param("shippingPostalCode", address.postalCode(), Types.VARCHAR)
			.param("shippingCountry", address.country())
			.param("note", order.note(), Types.VARCHAR)
			.param("createdAt", SqlTimes.utc(order.createdAt()))
			.param("updatedAt", SqlTimes.utc(order.updatedAt()))
			// arrays, not lists: a list would be expanded into one parameter per element
			.param("skus", lines.stream().map(OrderItem::sku).toArray(String[]::new))
			.param("names", lines.stream().map(OrderItem::name).toArray(String[]::new))
			.param("unitPrices", lines.stream().mapToLong(OrderItem::unitPrice).toArray())
			.param("quantities", lines.stream().mapToInt(OrderItem::quantity).toArray())
			.param("lineTotals", lines.stream().mapToLong(OrderItem::lineTotal).toArray())
			.param("createdAts", timestamps(lines.stream().map(OrderItem::createdAt).toList()))
			.param("updatedAts", timestamps(lines.stream().map(OrderItem::updatedAt).toList()))
			.update();
		publishEvents(inserted);
		return inserted;
	}

	/**
	 * The order with the version Spring Data JDBC's insert gives a new aggregate
	 * ({@code JdbcAggregateTemplate}): 0 for a {@code Long} like {@link Order}'s, 1 for a primitive
	 * {@code long} (whose 0 means "new"); set the way Spring Data sets it.
	 */
	private Order withInitialVersion(Order order) {
		long initial = entity.getRequiredVersionProperty().getActualType().isPrimitive() ? 1 : 0;
		return RelationalEntityVersionUtils.setVersionNumberOnEntity(order, initial, entity, converter);
	}

	/** As a Spring Data repository after {@code save}: each registered event in order, then cleared. */
	private void publishEvents(Order order) {
		if (ReflectionUtils.invokeMethod(domainEvents, order) instanceof Collection<?> registered) {
			List.copyOf(registered).forEach(events::publishEvent);
		}
		ReflectionUtils.invokeMethod(clearDomainEvents, order);
	}

	private static Method annotated(Class<? extends Annotation> annotation) {
		AnnotationDetectionMethodCallback<?> detector = new AnnotationDetectionMethodCallback<>(annotation);
		ReflectionUtils.doWithMethods(Order.class, detector);
		Method method = detector.getRequiredMethod();
		ReflectionUtils.makeAccessible(method);
		return method;
	}

	/**
	 * ISO-8601 instants, cast to {@code timestamptz[]} by the statement: exact to the microsecond
	 * whatever the session's time zone (the driver binds no array of timestamps).
	 */
	private static String[] timestamps(List<Instant> instants) {
		return instants.stream().map(Instant::toString).toArray(String[]::new);
	}
}
