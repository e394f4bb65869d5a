package dev.orderly.benchmark;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Orderly under load, one scenario per run (chosen with {@code BENCH_SCENARIO}), closed model:
 * {@code BENCH_USERS} virtual users at once, each logging in once (silent requests named
 * {@code setup: …}, not part of the figures) and then looping the measured request for
 * {@code BENCH_DURATION}. run.sh reads the run's global figures from Gatling's console summary.
 *
 * <ul>
 * <li>{@code login} — {@code POST /auth/login} (Argon2id verification on every request)</li>
 * <li>{@code get-order} — {@code GET /orders/{id}} of one's own orders</li>
 * <li>{@code list-first} — {@code GET /orders?limit=20}, first page, as an admin over all orders</li>
 * <li>{@code list-deep} — the same list from a cursor ~50–99 % deep into 1,000,000 orders</li>
 * <li>{@code create-order} — {@code POST /orders} (2 lines, Idempotency-Key; writes the outbox
 * event, which the notifications module turns into an in-app and an email notification)</li>
 * <li>{@code mixed} — a shopper's mix: 60 % order detail, 20 % own order list, 10 % price list,
 * 8 % place an order, 2 % log in</li>
 * </ul>
 */
public class OrderlySimulation extends Simulation {

	private static final String SCENARIO = BenchConfig.env("BENCH_SCENARIO", "mixed");

	private static final String BEARER = "Bearer #{token}";

	private final List<String> skus = BenchConfig.lines("skus.csv");

	private final HttpProtocolBuilder protocol = http.baseUrl(BenchConfig.BASE_URL)
		.acceptHeader("application/json")
		.contentTypeHeader("application/json")
		.userAgentHeader("orderly-benchmark")
		// Every GET is a full read: no If-None-Match from a client-side cache (no 304s).
		.disableCaching();

	private static HttpRequestActionBuilder loginRequest(String name) {
		return http(name).post("/api/v1/auth/login")
			.body(StringBody(session -> "{\"email\":\"" + session.getString("email") + "\",\"password\":\""
					+ BenchConfig.PASSWORD + "\"}"))
			.check(status().is(200), jsonPath("$.data.accessToken").saveAs("token"));
	}

	/** A measured login. */
	private static ChainBuilder login(String name) {
		return exec(loginRequest(name));
	}

	/**
	 * Set-up of a virtual user: log in, and (for the order scenarios) fetch the ids of one's own
	 * orders. Silent: not part of any figure, so the run's global statistics are the scenario's.
	 */
	private static ChainBuilder setUpUser(boolean withOrderIds) {
		ChainBuilder login = exec(loginRequest("setup: login").silent());
		if (!withOrderIds) {
			return login;
		}
		return login.exec(http("setup: own orders").get("/api/v1/orders?limit=100")
			.header("Authorization", BEARER)
			.check(status().is(200), jsonPath("$.data[*].id").findAll().saveAs("orderIds"))
			.silent());
	}

	private static HttpRequestActionBuilder getOrder() {
		return http("GET /orders/{id}").get(session -> {
			List<String> ids = session.getList("orderIds");
			return "/api/v1/orders/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
		}).header("Authorization", BEARER).check(status().is(200));
	}

	private HttpRequestActionBuilder placeOrder() {
		return http("POST /orders").post("/api/v1/orders")
			.header("Authorization", BEARER)
			.header("Idempotency-Key", session -> UUID.randomUUID().toString())
			.body(StringBody(session -> BenchConfig.orderBody(skus, ThreadLocalRandom.current())))
			.check(status().is(201));
	}

	private ScenarioBuilder scenarioFor(String name) {
		return switch (name) {
			case "login" -> scenario(name).feed(BenchConfig.circular("users.csv", "email"))
				.during(BenchConfig.DURATION).on(login("POST /auth/login"));
			case "get-order" -> scenario(name).feed(BenchConfig.circular("users.csv", "email"))
				.exec(setUpUser(true))
				.during(BenchConfig.DURATION).on(exec(getOrder()));
			case "list-first" -> scenario(name).feed(BenchConfig.circular("admins.csv", "email"))
				.exec(setUpUser(false))
				.during(BenchConfig.DURATION).on(exec(http("GET /orders (first page)")
					.get("/api/v1/orders?limit=20")
					.header("Authorization", BEARER)
					.check(status().is(200), jsonPath("$.meta.nextCursor").exists())));
			case "list-deep" -> scenario(name).feed(BenchConfig.circular("admins.csv", "email"))
				.exec(setUpUser(false))
				.during(BenchConfig.DURATION).on(feed(BenchConfig.circular("deep-cursors.csv", "cursor"))
					.exec(http("GET /orders (deep page)")
						.get("/api/v1/orders?limit=20&cursor=#{cursor}")
						.header("Authorization", BEARER)
						.check(status().is(200), jsonPath("$.data[19].id").exists())));
			case "create-order" -> scenario(name).feed(BenchConfig.circular("users.csv", "email"))
				.exec(setUpUser(false))
				.during(BenchConfig.DURATION).on(exec(placeOrder()));
			case "mixed" -> scenario(name).feed(BenchConfig.circular("users.csv", "email"))
				.exec(setUpUser(true))
				.during(BenchConfig.DURATION).on(randomSwitch().on(
						percent(60.0).then(measured(getOrder())),
						percent(20.0).then(measured(http("GET /orders (own, first page)").get("/api/v1/orders?limit=20")
							.header("Authorization", BEARER).check(status().is(200)))),
						percent(10.0).then(measured(http("GET /products").get("/api/v1/products?limit=20")
							.header("Authorization", BEARER).check(status().is(200)))),
						percent(8.0).then(measured(placeOrder())),
						percent(2.0).then(measured(loginRequest("POST /auth/login")))));
			default -> throw new IllegalArgumentException("unknown BENCH_SCENARIO " + name);
		};
	}

	/**
	 * One request of the shopper's mix; in the soak ({@code BENCH_WINDOWS_FILE} set) its response time
	 * also goes into the current window's figures ({@link Windows}).
	 */
	private static ChainBuilder measured(HttpRequestActionBuilder request) {
		if (!Windows.enabled()) {
			return exec(request);
		}
		return exec(request.check(responseTimeInMillis().saveAs("rt"))).exec(Windows::record);
	}

	@Override
	public void before() {
		Windows.start(BenchConfig.WINDOW);
	}

	@Override
	public void after() {
		Windows.stop();
	}

	/**
	 * Warm-up ({@code BENCH_SCENARIO=warmup}): every request kind of the measured scenarios at once,
	 * so that the JIT has compiled all their paths before any figure is taken — half the users run
	 * the shopper's mix, the other half alternate first and deep pages of the admin list.
	 */
	private ScenarioBuilder adminLists() {
		return scenario("warmup-admin-lists").feed(BenchConfig.circular("admins.csv", "email"))
			.exec(setUpUser(false))
			.during(BenchConfig.DURATION).on(feed(BenchConfig.circular("deep-cursors.csv", "cursor"))
				.exec(http("GET /orders (first page)").get("/api/v1/orders?limit=20").header("Authorization", BEARER)
					.check(status().is(200)))
				.exec(http("GET /orders (deep page)").get("/api/v1/orders?limit=20&cursor=#{cursor}")
					.header("Authorization", BEARER).check(status().is(200))));
	}

	{
		if (SCENARIO.equals("warmup")) {
			int half = Math.max(1, BenchConfig.USERS / 2);
			setUp(scenarioFor("mixed").injectOpen(atOnceUsers(half)), adminLists().injectOpen(atOnceUsers(half)))
				.protocols(protocol);
		}
		else {
			SetUp setUp = setUp(scenarioFor(SCENARIO).injectOpen(atOnceUsers(BenchConfig.USERS))).protocols(protocol);
			if (BenchConfig.RATE > 0) {
				// The soak: a fixed request rate (run.sh: half the measured maximum), however fast the app is.
				setUp.throttle(reachRps((int) Math.round(BenchConfig.RATE)).in(Duration.ofSeconds(1)),
						holdFor(BenchConfig.DURATION));
			}
		}
	}
}
