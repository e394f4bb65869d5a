package dev.orderly.baseline;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor Orderly is measured against: plain Spring MVC controllers, JdbcTemplate on the same
 * tables and database, Jackson, the same pool size and virtual threads, and nothing else (no
 * security filter chain, no request ids, no modules, no event publication registry). Each endpoint
 * does the work of one of Orderly's measured requests the way a hand-written service would
 * (docs/performance.md, "Baselines"; ADR 0040):
 * <ul>
 * <li>{@code GET /orders/{id}} — one row of {@code orders.orders} as a map (unchanged since the first
 * benchmark: no lines, no envelope);</li>
 * <li>{@code GET /orders?limit=20} — the first page of all orders, newest first, with their lines, as
 * the same JSON document as Orderly's {@code GET /api/v1/orders?limit=20};</li>
 * <li>{@code POST /orders} — {@link Placements};</li>
 * <li>{@code POST /login} — {@link Logins}.</li>
 * </ul>
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

	@RestController
	static class OrderController {

		private static final int MAX_LIMIT = 100;

		private final JdbcTemplate jdbc;

		OrderController(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@GetMapping("/orders/{id}")
		ResponseEntity<Map<String, Object>> order(@PathVariable UUID id) {
			try {
				return ResponseEntity.ok(jdbc.queryForMap("""
						SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name,
						       shipping_line1, shipping_city, shipping_country, note, version, created_at, updated_at
						FROM orders.orders WHERE id = ? AND deleted_at IS NULL""", id));
			}
			catch (EmptyResultDataAccessException ex) {
				return ResponseEntity.notFound().build();
			}
		}

		/**
		 * The first page of every user's orders, newest first, with their lines: the statement Orderly
		 * runs for an administrator's {@code GET /api/v1/orders?limit=20} (the page, one row more to
		 * know whether a next page exists, joined with the lines in one round trip, the page size in the
		 * statement), the same JSON document back. No cursor, no filters, no caller.
		 */
		@GetMapping("/orders")
		ResponseEntity<?> firstPage(@RequestParam(defaultValue = "20") int limit) {
			if (limit < 1 || limit > MAX_LIMIT) {
				return ResponseEntity.badRequest().body(Map.of("error", "limit must be between 1 and " + MAX_LIMIT));
			}
			List<OrderDocuments.Order> rows = jdbc.query("""
					WITH page AS (
					  SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
					    shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
					    tracking_number, cancellation_reason, version, created_at, updated_at
					  FROM orders.orders
					  WHERE deleted_at IS NULL
					  ORDER BY created_at DESC, id DESC LIMIT %d)
					SELECT page.*, l.sku, l.name, l.unit_price, l.quantity, l.line_total
					FROM page LEFT JOIN orders.order_lines l ON l.order_id = page.id
					ORDER BY page.created_at DESC, page.id DESC, l.position""".formatted(limit + 1),
					(ResultSetExtractor<List<OrderDocuments.Order>>) OrderDocuments::assemble,
					// no arguments, but a PreparedStatement as Orderly's JdbcClient uses: without one
					// JdbcTemplate sends a plain Statement, which PostgreSQL parses and plans every time
					// (3.4 times Orderly's database CPU per request in run 20261206T131008Z)
					new Object[0]);
			boolean more = rows.size() > limit;
			List<OrderDocuments.Order> visible = more ? rows.subList(0, limit) : rows;
			OrderDocuments.Order last = visible.isEmpty() ? null : visible.get(visible.size() - 1);
			String next = more ? OrderDocuments.cursor(last.createdAt(), last.id()) : null;
			return ResponseEntity.ok(new OrderDocuments.Page<>(visible, new OrderDocuments.PageMeta(limit, next)));
		}
	}
}
