package dev.orderly.baseline;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders}: the minimum a hand-written service with a transactional outbox does to place
 * an order (ADR 0040). The body is Orderly's ({@code items}, {@code shippingAddress}, {@code note});
 * the customer is the {@code X-User-Id} header, standing in for an authenticated caller.
 * <ol>
 * <li>checks the body by hand against Orderly's bounds (1–50 items, sku format, quantity 1–1000,
 * address fields present and within their lengths, a known ISO country, note ≤ 500): 400;</li>
 * <li>in one transaction: reads the prices of the requested skus from {@code orders.products} (one
 * statement; unknown or inactive sku, mixed currencies: 422), prices the order by Orderly's rule
 * (10 % off above 100.00, half up), inserts the order, its lines in one JDBC batch and one outbox row
 * ({@code baseline.outbox}, the shape and indexes of Modulith's {@code event_publication}, the event
 * as Jackson JSON), and commits;</li>
 * <li>answers 201 with a {@code Location} and the order as Orderly's JSON document.</li>
 * </ol>
 * Not done (Orderly does): authentication, idempotency keys, the deleted-customer check and its
 * advisory lock, caching of prices, anything after the commit (nobody reads the outbox: no
 * notifications, emails, webhooks), metrics and log lines.
 */
@RestController
class Placements {

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9 -]*");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	record Item(String sku, Integer quantity) {
	}

	record OrderRequest(List<Item> items, OrderDocuments.Address shippingAddress, String note) {
	}

	/** The outbox payload: the fields of Orderly's {@code OrderPlaced}. */
	record OrderPlaced(UUID orderId, UUID userId, List<PlacedLine> lines, long subtotal, long discount, long total,
			String currency, Instant placedAt) {
	}

	record PlacedLine(String sku, int quantity, long unitPrice, long lineTotal) {
	}

	private record Price(String name, long unitPrice, String currency) {
	}

	/** A 4xx answer raised inside the transaction (which it rolls back). */
	private static final class Refused extends RuntimeException {

		private final HttpStatus status;

		Refused(HttpStatus status, String message) {
			super(message, null, false, false);
			this.status = status;
		}
	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	Placements(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
	}

	@PostMapping("/orders")
	ResponseEntity<?> place(@RequestHeader(name = "X-User-Id", required = false) UUID userId,
			@RequestBody OrderRequest request) {
		try {
			if (userId == null) {
				throw new Refused(HttpStatus.BAD_REQUEST, "X-User-Id is required");
			}
			validate(request);
			OrderDocuments.Order order = transactions.execute(status -> insert(userId, request));
			return ResponseEntity.created(URI.create("/orders/" + order.id())).body(new OrderDocuments.One<>(order));
		}
		catch (Refused ex) {
			return ResponseEntity.status(ex.status).body(Map.of("error", ex.getMessage()));
		}
	}

	private OrderDocuments.Order insert(UUID userId, OrderRequest request) {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		for (Item item : request.items()) {
			quantities.merge(item.sku(), item.quantity(), Integer::sum);
		}
		Map<String, Price> prices = new HashMap<>();
		jdbc.query("SELECT sku, name, unit_price, currency FROM orders.products WHERE active AND sku = ANY (?)",
				rs -> {
					prices.put(rs.getString("sku"),
							new Price(rs.getString("name"), rs.getLong("unit_price"), rs.getString("currency")));
				}, (Object) quantities.keySet().toArray(String[]::new));
		String currency = null;
		List<OrderDocuments.Line> lines = new ArrayList<>();
		long subtotal = 0;
		for (Map.Entry<String, Integer> wanted : quantities.entrySet()) {
			Price price = prices.get(wanted.getKey());
			if (price == null) {
				throw new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "unknown product " + wanted.getKey());
			}
			if (currency != null && !currency.equals(price.currency())) {
				throw new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "products in more than one currency");
			}
			if (wanted.getValue() > 1000) {
				throw new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "quantity of " + wanted.getKey() + " above 1000");
			}
			currency = price.currency();
			long lineTotal = Math.multiplyExact(price.unitPrice(), (long) wanted.getValue());
			subtotal = Math.addExact(subtotal, lineTotal);
			lines.add(new OrderDocuments.Line(wanted.getKey(), price.name(), price.unitPrice(), wanted.getValue(),
					lineTotal));
		}
		long discount = subtotal <= 10_000 ? 0 : (subtotal + 5) / 10;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Timestamp at = Timestamp.from(now);
		UUID id = uuid7(now);
		OrderDocuments.Address to = request.shippingAddress();
		String note = request.note() == null || request.note().isBlank() ? null : request.note();
		jdbc.update("""
				INSERT INTO orders.orders (id, user_id, status, currency, subtotal, discount, total, shipping_name,
				  shipping_line1, shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country,
				  note, version, created_at, updated_at)
				VALUES (?, ?, 'PLACED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""", id, userId, currency, subtotal,
				discount, subtotal - discount, to.name(), to.line1(), to.line2(), to.city(), to.region(), to.postalCode(),
				to.country(), note, at, at);
		List<Object[]> lineRows = new ArrayList<>(lines.size());
		for (int position = 0; position < lines.size(); position++) {
			OrderDocuments.Line line = lines.get(position);
			lineRows.add(new Object[] { id, position, line.sku(), line.name(), line.unitPrice(), line.quantity(),
					line.lineTotal(), at, at });
		}
		jdbc.batchUpdate("""
				INSERT INTO orders.order_lines (order_id, position, sku, name, unit_price, quantity, line_total,
				  created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", lineRows);
		OrderPlaced event = new OrderPlaced(id, userId,
				lines.stream().map(l -> new PlacedLine(l.sku(), l.quantity(), l.unitPrice(), l.lineTotal())).toList(),
				subtotal, discount, subtotal - discount, currency, now);
		jdbc.update("""
				INSERT INTO baseline.outbox (id, listener_id, event_type, serialized_event, publication_date)
				VALUES (?, 'baseline.notifications', 'dev.orderly.orders.events.OrderPlaced', ?, ?)""", uuid7(now),
				json.writeValueAsString(event), at);
		return new OrderDocuments.Order(id, userId, "PLACED", lines, subtotal, discount, subtotal - discount, currency,
				to, note, null, null, 0, now, now);
	}

	/** Orderly's bounds on the request (OrderRequests, ShippingAddress), checked by hand. */
	private static void validate(OrderRequest request) {
		if (request.items() == null || request.items().isEmpty() || request.items().size() > 50) {
			throw bad("items: 1 to 50 required");
		}
		for (Item item : request.items()) {
			if (item == null || item.sku() == null || !SKU.matcher(item.sku()).matches()) {
				throw bad("items[].sku: invalid");
			}
			if (item.quantity() == null || item.quantity() < 1 || item.quantity() > 1000) {
				throw bad("items[].quantity: 1 to 1000");
			}
		}
		OrderDocuments.Address to = request.shippingAddress();
		if (to == null) {
			throw bad("shippingAddress: required");
		}
		requireText("shippingAddress.name", to.name(), 100);
		requireText("shippingAddress.line1", to.line1(), 200);
		requireLength("shippingAddress.line2", to.line2(), 200);
		requireText("shippingAddress.city", to.city(), 100);
		requireLength("shippingAddress.region", to.region(), 100);
		requireLength("shippingAddress.postalCode", to.postalCode(), 20);
		if (to.postalCode() != null && !POSTAL_CODE.matcher(to.postalCode()).matches()) {
			throw bad("shippingAddress.postalCode: invalid");
		}
		if (to.country() == null || !COUNTRIES.contains(to.country())) {
			throw bad("shippingAddress.country: an ISO 3166-1 alpha-2 code");
		}
		requireLength("note", request.note(), 500);
	}

	private static void requireText(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw bad(field + ": required");
		}
		requireLength(field, value, max);
	}

	private static void requireLength(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw bad(field + ": at most " + max + " characters");
		}
	}

	private static Refused bad(String message) {
		return new Refused(HttpStatus.BAD_REQUEST, message);
	}

	/** A time-ordered id (UUIDv7 layout), as Orderly's ids: index inserts stay at the right edge. */
	static UUID uuid7(Instant at) {
		long msb = (at.toEpochMilli() << 16) | 0x7000L | (ThreadLocalRandom.current().nextInt() & 0x0FFFL);
		long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}
}
