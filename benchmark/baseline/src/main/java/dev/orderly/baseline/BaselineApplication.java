package dev.orderly.baseline;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor Orderly is measured against: one Spring MVC controller, one JdbcTemplate query on the
 * same table and database, same pool size and virtual threads, and nothing else (no security, no
 * envelope, no request ids, no modules, no aggregate mapping).
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

	@RestController
	static class OrderController {

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
	}
}
