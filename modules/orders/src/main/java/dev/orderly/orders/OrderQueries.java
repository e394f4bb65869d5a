package dev.orderly.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.web.Cursor;

/**
 * The order lists: keyset pagination, newest first, over the partial indexes of V3. A page is
 * two queries whatever its depth — the orders ({@code limit + 1}) and all their lines.
 */
@Component
class OrderQueries {

	/** What a list asks for; {@code userId} null means every user (admins only). */
	record Filter(UUID userId, OrderStatus status, Instant createdAfter, Instant createdBefore, Cursor after,
			int limit) {
	}

	/** A query and its parameters (package-visible so that a test can EXPLAIN exactly this SQL). */
	record Query(String sql, Map<String, Object> params) {
	}

	private final JdbcClient jdbc;

	OrderQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static Query pageQuery(Filter filter) {
		StringBuilder sql = new StringBuilder("""
				SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
				  shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
				  tracking_number, cancellation_reason, version, created_at, updated_at
				FROM orders.orders
				WHERE deleted_at IS NULL""");
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.userId() != null) {
			sql.append(" AND user_id = :userId");
			params.put("userId", filter.userId());
		}
		if (filter.status() != null) {
			sql.append(" AND status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.createdAfter() != null) {
			sql.append(" AND created_at >= :createdAfter");
			params.put("createdAfter", SqlTimes.utc(filter.createdAfter()));
		}
		if (filter.createdBefore() != null) {
			sql.append(" AND created_at < :createdBefore");
			params.put("createdBefore", SqlTimes.utc(filter.createdBefore()));
		}
		if (filter.after() != null) {
			sql.append(" AND (created_at, id) < (:cursorCreatedAt, :cursorId)");
			params.put("cursorCreatedAt", SqlTimes.utc(filter.after().createdAt()));
			params.put("cursorId", filter.after().id());
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
		params.put("limit", filter.limit() + 1);
		return new Query(sql.toString(), params);
	}

	/**
	 * One order that is not deleted, with its lines, in one statement (no transaction needed): the
	 * read path of {@code GET /orders/{id}}, which mapping the aggregate made five times as costly.
	 */
	Optional<OrderView> one(UUID id) {
		List<OrderView.LineView> lines = new ArrayList<>();
		OrderView[] order = new OrderView[1];
		jdbc.sql("""
				SELECT o.id, o.user_id, o.status, o.currency, o.subtotal, o.discount, o.total, o.shipping_name,
				  o.shipping_line1, o.shipping_line2, o.shipping_city, o.shipping_region, o.shipping_postal_code,
				  o.shipping_country, o.note, o.tracking_number, o.cancellation_reason, o.version, o.created_at,
				  o.updated_at, l.sku, l.name, l.unit_price, l.quantity, l.line_total
				FROM orders.orders o LEFT JOIN orders.order_lines l ON l.order_id = o.id
				WHERE o.id = :id AND o.deleted_at IS NULL
				ORDER BY l.position""")
			.param("id", id)
			.query(rs -> {
				if (order[0] == null) {
					order[0] = order(rs, 0);
				}
				if (rs.getString("sku") != null) {
					lines.add(line(rs));
				}
			});
		if (order[0] == null) {
			return Optional.empty();
		}
		OrderView o = order[0];
		return Optional.of(new OrderView(o.id(), o.userId(), o.status(), List.copyOf(lines), o.subtotal(), o.discount(),
				o.total(), o.currency(), o.shippingAddress(), o.note(), o.trackingNumber(), o.cancellationReason(),
				o.version(), o.createdAt(), o.updatedAt()));
	}

	@Transactional(readOnly = true)
	List<OrderView> page(Filter filter) {
		Query query = pageQuery(filter);
		List<OrderView> orders = jdbc.sql(query.sql()).params(query.params()).query(OrderQueries::order).list();
		if (orders.isEmpty()) {
			return orders;
		}
		Map<UUID, List<OrderView.LineView>> lines = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT order_id, sku, name, unit_price, quantity, line_total FROM orders.order_lines
				WHERE order_id IN (:ids) ORDER BY order_id, position""")
			.param("ids", orders.stream().map(OrderView::id).toList())
			.query(rs -> {
				lines.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>()).add(line(rs));
			});
		return orders.stream()
			.map(o -> new OrderView(o.id(), o.userId(), o.status(), List.copyOf(lines.getOrDefault(o.id(), List.of())),
					o.subtotal(), o.discount(), o.total(), o.currency(), o.shippingAddress(), o.note(),
					o.trackingNumber(), o.cancellationReason(), o.version(), o.createdAt(), o.updatedAt()))
			.toList();
	}

	private static OrderView.LineView line(ResultSet rs) throws SQLException {
		return new OrderView.LineView(rs.getString("sku"), rs.getString("name"), rs.getLong("unit_price"),
				rs.getInt("quantity"), rs.getLong("line_total"));
	}

	private static OrderView order(ResultSet rs, int row) throws SQLException {
		ShippingAddress address = new ShippingAddress(rs.getString("shipping_name"), rs.getString("shipping_line1"),
				rs.getString("shipping_line2"), rs.getString("shipping_city"), rs.getString("shipping_region"),
				rs.getString("shipping_postal_code"), rs.getString("shipping_country"));
		return new OrderView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
				OrderStatus.valueOf(rs.getString("status")), List.of(), rs.getLong("subtotal"), rs.getLong("discount"),
				rs.getLong("total"), rs.getString("currency"), address, rs.getString("note"),
				rs.getString("tracking_number"), rs.getString("cancellation_reason"), rs.getLong("version"),
				SqlTimes.instant(rs, "created_at"), SqlTimes.instant(rs, "updated_at"));
	}
}
