package dev.orderly.orders.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheConfig;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.orders.domain.InvalidSku;
import dev.orderly.orders.domain.MixedCurrency;
import dev.orderly.orders.domain.PriceQuote;
import dev.orderly.orders.domain.Pricing;
import dev.orderly.orders.domain.Product;
import dev.orderly.orders.domain.UnknownProduct;
import dev.orderly.platform.Ids;
import dev.orderly.platform.paging.Cursor;

/**
 * The price list, and the one owner of {@code orders.products} and its SQL: orders are priced from
 * it ({@link #quote}), {@code ProductManagement} maintains it. Plain reference data without
 * invariants beyond its columns, so it is read and written with {@link JdbcClient} — the upsert
 * of {@code PUT /products/{sku}} is one atomic {@code INSERT … ON CONFLICT}. Who may change it or
 * see its inactive products is not decided here but in {@code OrderPolicy}.
 * <p>
 * Hot and rarely changed, so it is cached in the application (docs/adr/0014): products by sku
 * ({@value #PRODUCTS}, unknown skus included), which also serve the pricing of orders, and pages
 * of the list ({@value #PAGES}). A change evicts the product and every page on this instance once
 * its transaction has committed; other instances see it when their entries expire
 * ({@code orderly.orders.product-cache-ttl}).
 */
@Service
@CacheConfig(cacheNames = ProductCatalog.PRODUCTS)
public class ProductCatalog {

	public static final String PRODUCTS = "orders.products";

	public static final String PAGES = "orders.product-pages";

	static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final String COLUMNS = "id, sku, name, unit_price, currency, active, created_at, updated_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	/** The same cache as {@link #find}'s, read directly where several skus are looked up at once. */
	private final Cache products;

	ProductCatalog(JdbcClient jdbc, Clock clock, CacheManager caches) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.products = Objects.requireNonNull(caches.getCache(PRODUCTS), PRODUCTS);
	}

	/** What {@code PUT} did: created a product or replaced an existing one. */
	public record Saved(Product product, boolean created) {
	}

	/** @throws InvalidSku when {@code sku} is not of the form {@link #SKU} */
	static void requireValidSku(String sku) {
		if (sku == null || !SKU.matcher(sku).matches()) {
			throw new InvalidSku();
		}
	}

	@Transactional
	@Caching(evict = { @CacheEvict(key = "#sku"), @CacheEvict(cacheNames = PAGES, allEntries = true) })
	public Saved put(String sku, String name, long unitPrice, String currency, boolean active) {
		requireValidSku(sku);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		// xmax = 0 only for a freshly inserted row: tells "created" (201) from "replaced" (200).
		return jdbc.sql("""
				INSERT INTO orders.products (id, sku, name, unit_price, currency, active, created_at, updated_at, deleted_at)
				VALUES (:id, :sku, :name, :unitPrice, :currency, :active, :now, :now, CASE WHEN :active THEN NULL ELSE :now END)
				ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, unit_price = EXCLUDED.unit_price,
				  currency = EXCLUDED.currency, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at,
				  deleted_at = CASE WHEN EXCLUDED.active THEN NULL ELSE coalesce(products.deleted_at, EXCLUDED.updated_at) END
				RETURNING %s, (xmax = 0) AS created""".formatted(COLUMNS))
			.param("id", Ids.next())
			.param("sku", sku)
			.param("name", name)
			.param("unitPrice", unitPrice)
			.param("currency", currency)
			.param("active", active)
			.param("now", SqlTimes.utc(now))
			.query((rs, row) -> new Saved(map(rs), rs.getBoolean("created")))
			.single();
	}

	/** Soft delete: the product becomes inactive. {@code false} when there is no such sku. */
	@Transactional
	@Caching(evict = { @CacheEvict(key = "#sku"), @CacheEvict(cacheNames = PAGES, allEntries = true) })
	public boolean deactivate(String sku) {
		requireValidSku(sku);
		Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		int rows = jdbc.sql("""
				UPDATE orders.products SET active = false, deleted_at = coalesce(deleted_at, :now),
				  updated_at = CASE WHEN active THEN :now ELSE updated_at END
				WHERE sku = :sku""")
			.param("sku", sku)
			.param("now", SqlTimes.utc(now))
			.update();
		return rows > 0;
	}

	/**
	 * The product as it is now, read past the caches and locked until the transaction ends, so that a
	 * change can say what it changed (the audit trail's "before", docs/adr/0039). Call it in the
	 * transaction of the change.
	 */
	@Transactional
	public Optional<Product> lockForChange(String sku) {
		requireValidSku(sku);
		return jdbc.sql("SELECT " + COLUMNS + " FROM orders.products WHERE sku = :sku FOR UPDATE")
			.param("sku", sku)
			.query((rs, row) -> map(rs))
			.optional();
	}

	@Cacheable(key = "#sku")
	public Optional<Product> find(String sku) {
		requireValidSku(sku);
		return jdbc.sql("SELECT " + COLUMNS + " FROM orders.products WHERE sku = :sku")
			.param("sku", sku)
			.query((rs, row) -> map(rs))
			.optional();
	}

	/** One page (newest first, {@code limit + 1} rows) of the price list. */
	@Cacheable(cacheNames = PAGES, key = "{#after, #limit, #includeInactive}")
	public List<Product> page(Cursor after, int limit, boolean includeInactive) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders.products WHERE true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (!includeInactive) {
			sql.append(" AND active");
		}
		if (after != null) {
			sql.append(" AND (created_at, id) < (:cursorCreatedAt, :cursorId)");
			params.put("cursorCreatedAt", SqlTimes.utc(after.createdAt()));
			params.put("cursorId", after.id());
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
		params.put("limit", limit + 1);
		return List.copyOf(jdbc.sql(sql.toString()).params(params).query((rs, row) -> map(rs)).list());
	}

	/**
	 * Prices the requested quantities per sku from the price list.
	 *
	 * @throws UnknownProduct naming every sku that is not on the list or not active
	 * @throws MixedCurrency when the products are not all priced in one currency
	 */
	public PriceQuote quote(Map<String, Integer> quantities) {
		Map<String, Product> products = new LinkedHashMap<>();
		findActive(quantities.keySet()).forEach(product -> products.put(product.sku(), product));
		List<String> unknown = quantities.keySet().stream().filter(sku -> !products.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			throw new UnknownProduct(unknown);
		}
		List<String> currencies = products.values().stream().map(Product::currency).distinct().toList();
		if (currencies.size() > 1) {
			throw new MixedCurrency(currencies);
		}
		List<PriceQuote.Line> lines = new ArrayList<>();
		List<Pricing.Line> priced = new ArrayList<>();
		quantities.forEach((sku, quantity) -> {
			Product product = products.get(sku);
			Pricing.Line line = new Pricing.Line(product.unitPrice(), quantity);
			priced.add(line);
			lines.add(new PriceQuote.Line(sku, product.name(), product.unitPrice(), quantity, line.total()));
		});
		return new PriceQuote(currencies.get(0), lines, Pricing.price(priced));
	}

	/** The active products among {@code skus}: from the cache, the misses in one query. */
	private List<Product> findActive(Collection<String> skus) {
		List<Product> active = new ArrayList<>(skus.size());
		List<String> missing = new ArrayList<>();
		for (String sku : skus) {
			Cache.ValueWrapper cached = products.get(sku);
			if (cached == null) {
				missing.add(sku);
			}
			else if (cached.get() instanceof Product product && product.active()) {
				active.add(product);
			}
		}
		if (missing.isEmpty()) {
			return active;
		}
		Map<String, Product> loaded = new HashMap<>();
		jdbc.sql("SELECT " + COLUMNS + " FROM orders.products WHERE sku IN (:skus)")
			.param("skus", missing)
			.query((rs, row) -> map(rs))
			.list()
			.forEach(product -> loaded.put(product.sku(), product));
		for (String sku : missing) {
			Product product = loaded.get(sku);
			products.put(sku, product); // null too: an unknown sku is remembered like a known one
			if (product != null && product.active()) {
				active.add(product);
			}
		}
		return active;
	}

	private static Product map(ResultSet rs) throws SQLException {
		return new Product(rs.getObject("id", UUID.class), rs.getString("sku"), rs.getString("name"),
				rs.getLong("unit_price"), rs.getString("currency"), rs.getBoolean("active"),
				SqlTimes.instant(rs, "created_at"), SqlTimes.instant(rs, "updated_at"));
	}
}
