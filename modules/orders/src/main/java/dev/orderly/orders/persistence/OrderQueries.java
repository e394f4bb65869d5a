package dev.orderly.orders.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.orderly.orders.domain.OrderStatus;
import dev.orderly.orders.domain.OrderView;
import dev.orderly.orders.domain.ShippingAddress;
import dev.orderly.platform.paging.Cursor;

/**
 * The read side of orders, read-only and without a transaction (ADR 0021 §6): one order for
 * {@code GET /orders/{id}}, and the order lists — keyset pagination, newest first, over the partial
 * indexes of V3. Each is one statement whatever the page's depth: the orders joined with their
 * lines. Who may read what is decided by {@code OrderManagement} through {@code OrderPolicy}.
 */
@Component
public class OrderQueries {

	/** What a list asks for; {@code userId} null means every user (admins only). */
	public record Filter(UUID userId, OrderStatus status, Instant createdAfter, Instant createdBefore, Cursor after,
			int limit) {

		/** The same list, of the orders of {@code owner} ({@code null}: every user's). */
		public Filter forUser(UUID owner) {
			return new Filter(owner, status, createdAfter, createdBefore, after, limit);
		}
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
		// The page size is part of the statement, not a parameter: with LIMIT a parameter, PostgreSQL
		// plans the prepared statement anew on every execution (docs/adr/0028).
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(filter.limit() + 1);
		return new Query(sql.toString(), params);
	}

	/**
	 * One order that is not deleted, with its lines, in one statement (no transaction needed): the
	 * read path of {@code GET /orders/{id}}, which mapping the aggregate made five times as costly.
	 */
	public Optional<OrderView> one(UUID id) {
		WithLines rows = new WithLines();
		jdbc.sql("""
				SELECT o.id, o.user_id, o.status, o.currency, o.subtotal, o.discount, o.total, o.shipping_name,
				  o.shipping_line1, o.shipping_line2, o.shipping_city, o.shipping_region, o.shipping_postal_code,
				  o.shipping_country, o.note, o.tracking_number, o.cancellation_reason, o.version, o.created_at,
				  o.updated_at, l.sku, l.name, l.unit_price, l.quantity, l.line_total
				FROM orders.orders o LEFT JOIN orders.order_lines l ON l.order_id = o.id
				WHERE o.id = :id AND o.deleted_at IS NULL
				ORDER BY l.position""")
			.param("id", id)
			.query(rows);
		return rows.orders().stream().findFirst();
	}

	/**
	 * A page with the lines of its orders, in one statement (the page query joined with the lines):
	 * one round trip and no transaction, where two queries in a read-only transaction took four.
	 */
	public List<OrderView> page(Filter filter) {
		Query query = pageQuery(filter);
		WithLines rows = new WithLines();
		jdbc.sql("WITH page AS (" + query.sql() + ")" + """

				SELECT page.*, l.sku, l.name, l.unit_price, l.quantity, l.line_total
				FROM page LEFT JOIN orders.order_lines l ON l.order_id = page.id
				ORDER BY page.created_at DESC, page.id DESC, l.position""")
			.params(query.params())
			.query(rows);
		return rows.orders();
	}

	/** Rows of orders joined with their lines (lines in position order), assembled into views in row order. */
	private static final class WithLines implements RowCallbackHandler {

		private final Map<UUID, OrderView> orders = new LinkedHashMap<>();

		private final Map<UUID, List<OrderView.LineView>> lines = new HashMap<>();

		@Override
		public void processRow(ResultSet rs) throws SQLException {
			UUID id = rs.getObject("id", UUID.class);
			if (!orders.containsKey(id)) {
				orders.put(id, order(rs, 0));
			}
			if (rs.getString("sku") != null) {
				lines.computeIfAbsent(id, key -> new ArrayList<>()).add(line(rs));
			}
		}

		List<OrderView> orders() {
			return orders.values().stream()
				.map(o -> new OrderView(o.id(), o.userId(), o.status(), List.copyOf(lines.getOrDefault(o.id(), List.of())),
						o.subtotal(), o.discount(), o.total(), o.currency(), o.shippingAddress(), o.note(),
						o.trackingNumber(), o.cancellationReason(), o.version(), o.createdAt(), o.updatedAt()))
				.toList();
		}
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
