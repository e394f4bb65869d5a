package dev.orderly.orders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.orders.application.OrderDraft;
import dev.orderly.orders.domain.ShippingAddress;
import dev.orderly.orders.persistence.ProductCatalog;
import dev.orderly.platform.test.TestTokens;

/**
 * The one place where orders' tests build requests and set things up: order and product bodies
 * (JSON for the HTTP tests, {@link OrderDraft} for the use-case tests), products on
 * the price list, placed orders, tokens, and the HTTP moves with their error assertions. A bean of
 * every {@link OrdersHttpTest}; the static builders serve every test.
 */
public class OrdersApiFixture {

	public static final String ADDRESS = """
			{"name":"Ada Lovelace","line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}""";

	public static final ShippingAddress SHIPPING_ADDRESS = new ShippingAddress("Ada", "1 Main St", null, "Berlin", null,
			"10115", "DE");

	public final RestTestClient http;

	public final TestTokens tokens;

	public final JsonMapper json;

	public final UUID adminId = UUID.randomUUID();

	OrdersApiFixture(RestTestClient http, TestTokens tokens, JsonMapper json) {
		this.http = http;
		this.tokens = tokens;
		this.json = json;
	}

	// --- builders -------------------------------------------------------------------------

	/** A sku nobody used before, {@code prefix-} and 8 to 13 random characters. */
	public static String newSku(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
	}

	public static String item(String sku, int quantity) {
		return "{\"sku\":\"%s\",\"quantity\":%d}".formatted(sku, quantity);
	}

	/** An order of one item to {@link #ADDRESS}. */
	public static String orderBody(String sku, int quantity) {
		return orderOf(item(sku, quantity));
	}

	/** An order of these items ({@link #item}) to {@link #ADDRESS}. */
	public static String orderOf(String... items) {
		return orderWith("", items);
	}

	/** An order of these items with further top-level properties, e.g. {@code "note":"x"}. */
	public static String orderWith(String properties, String... items) {
		return "{\"items\":[%s],\"shippingAddress\":%s%s}".formatted(String.join(",", items), ADDRESS,
				properties.isEmpty() ? "" : "," + properties);
	}

	public static String productBody(String name, long unitPrice, String currency) {
		return "{\"name\":\"%s\",\"unitPrice\":%d,\"currency\":\"%s\"}".formatted(name, unitPrice, currency);
	}

	/** The use cases' form of {@link #orderBody}. */
	public static OrderDraft request(String sku, int quantity) {
		return new OrderDraft(List.of(new OrderDraft.Line(sku, quantity)), SHIPPING_ADDRESS, null);
	}

	/** A product on the price list, written straight through the catalog (use-case tests). */
	public static String product(ProductCatalog catalog, long unitPrice, String currency) {
		String sku = newSku("IT");
		catalog.put(sku, "Product " + sku, unitPrice, currency, true);
		return sku;
	}

	// --- HTTP -----------------------------------------------------------------------------

	public String admin() {
		return tokens.bearer(adminId, "ADMIN");
	}

	public String user(UUID id) {
		return tokens.bearer(id, "USER");
	}

	/** A request with a bearer token and, unless {@code body} is null, a JSON body. */
	public RestTestClient.ResponseSpec send(HttpMethod method, String uri, String token, String body, Object... vars) {
		var spec = http.method(method).uri(uri, vars).header(HttpHeaders.AUTHORIZATION, token);
		if (body != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return spec.exchange();
	}

	public RestTestClient.ResponseSpec post(String uri, String token, String body, Object... vars) {
		return send(HttpMethod.POST, uri, token, body, vars);
	}

	public RestTestClient.ResponseSpec get(String uri, String token, Object... vars) {
		return send(HttpMethod.GET, uri, token, null, vars);
	}

	public RestTestClient.ResponseSpec putProduct(String sku, String token, String body) {
		return send(HttpMethod.PUT, "/api/v1/products/{sku}", token, body, sku);
	}

	public RestTestClient.ResponseSpec deleteProduct(String sku, String token) {
		return send(HttpMethod.DELETE, "/api/v1/products/{sku}", token, null, sku);
	}

	/** {@code POST /orders} (or the nested path) of {@code user} with an {@code Idempotency-Key}. */
	public RestTestClient.ResponseSpec placeWithKey(String uri, UUID user, String key, String body, Object... vars) {
		return http.post().uri(uri, vars).header(HttpHeaders.AUTHORIZATION, user(user))
			.header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	public static void expectError(RestTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.error.code").isEqualTo(code);
	}

	/** A new active product, created by an administrator; returns its sku. */
	public String product(long unitPrice, String currency) {
		String sku = newSku("SKU");
		putProduct(sku, admin(), productBody("Product " + sku, unitPrice, currency)).expectStatus().isCreated();
		return sku;
	}

	/** Deactivates a product as an administrator. */
	public void deactivate(String sku) {
		deleteProduct(sku, admin()).expectStatus().isNoContent();
	}

	public JsonNode place(UUID userId, String body) {
		String response = post("/api/v1/orders", user(userId), body)
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult().getResponseBody();
		return json.readTree(response).get("data");
	}

	public UUID placeOrder(UUID userId, String sku, int quantity) {
		return UUID.fromString(place(userId, orderBody(sku, quantity)).get("id").asString());
	}

	/** An order of {@code userId} for one new product at 1.00 EUR. */
	public UUID placeOrder(UUID userId) {
		return placeOrder(userId, product(100, "EUR"), 1);
	}

	public JsonNode read(String body) {
		return json.readTree(body);
	}

	/** The current ETag of an order, as its owner reads it. */
	public String etagOf(UUID orderId, UUID owner) {
		return get("/api/v1/orders/{id}", user(owner), orderId).returnResult(String.class).getResponseHeaders()
			.getETag();
	}

	public void adminPost(UUID orderId, String action, String body) {
		send(HttpMethod.POST, "/api/v1/orders/{id}/{action}", admin(), body, orderId, action).expectStatus().isOk();
	}

	/** Runs the tasks at the same moment, one thread each, and returns their results in task order. */
	@SafeVarargs
	public static <T> List<T> race(Callable<T>... tasks) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdown();
		}
	}

	/** The same task {@code contenders} times at once. */
	@SuppressWarnings("unchecked")
	public static <T> List<T> race(int contenders, Callable<T> task) throws Exception {
		Callable<T>[] tasks = new Callable[contenders];
		Arrays.fill(tasks, task);
		return race(tasks);
	}
}
