package dev.orderly.baseline;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON documents Orderly returns for orders, written out by hand: {@code {"data": order}} and
 * {@code {"data": [orders], "meta": {"limit": n, "nextCursor": "…"}}}, with the same property names,
 * order and value formats (amounts as integers, times as ISO-8601 strings, nulls written).
 */
final class OrderDocuments {

	record Line(String sku, String name, long unitPrice, int quantity, long lineTotal) {
	}

	record Address(String name, String line1, String line2, String city, String region, String postalCode,
			String country) {
	}

	record Order(UUID id, UUID userId, String status, List<Line> lines, long subtotal, long discount, long total,
			String currency, Address shippingAddress, String note, String trackingNumber, String cancellationReason,
			long version, Instant createdAt, Instant updatedAt) {
	}

	record One<T>(T data) {
	}

	record PageMeta(int limit, String nextCursor) {
	}

	record Page<T>(List<T> data, PageMeta meta) {
	}

	private OrderDocuments() {
	}

	/** Orderly's cursor token: base64url (no padding) of "{epoch micros}~{id}". */
	static String cursor(Instant createdAt, UUID id) {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((micros + "~" + id).getBytes(StandardCharsets.US_ASCII));
	}

	/** Orders joined with their lines (lines in position order), one row per line, assembled in row order. */
	static List<Order> assemble(ResultSet rs) throws SQLException {
		Map<UUID, Order> orders = new LinkedHashMap<>();
		Map<UUID, List<Line>> lines = new LinkedHashMap<>();
		while (rs.next()) {
			UUID id = rs.getObject("id", UUID.class);
			if (!orders.containsKey(id)) {
				orders.put(id, order(rs));
				lines.put(id, new ArrayList<>());
			}
			if (rs.getString("sku") != null) {
				lines.get(id).add(new Line(rs.getString("sku"), rs.getString("name"), rs.getLong("unit_price"),
						rs.getInt("quantity"), rs.getLong("line_total")));
			}
		}
		List<Order> result = new ArrayList<>(orders.size());
		for (Order o : orders.values()) {
			result.add(new Order(o.id(), o.userId(), o.status(), lines.get(o.id()), o.subtotal(), o.discount(),
					o.total(), o.currency(), o.shippingAddress(), o.note(), o.trackingNumber(), o.cancellationReason(),
					o.version(), o.createdAt(), o.updatedAt()));
		}
		return result;
	}

	private static Order order(ResultSet rs) throws SQLException {
		Address address = new Address(rs.getString("shipping_name"), rs.getString("shipping_line1"),
				rs.getString("shipping_line2"), rs.getString("shipping_city"), rs.getString("shipping_region"),
				rs.getString("shipping_postal_code"), rs.getString("shipping_country"));
		return new Order(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("status"),
				List.of(), rs.getLong("subtotal"), rs.getLong("discount"), rs.getLong("total"), rs.getString("currency"),
				address, rs.getString("note"), rs.getString("tracking_number"), rs.getString("cancellation_reason"),
				rs.getLong("version"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}
}
