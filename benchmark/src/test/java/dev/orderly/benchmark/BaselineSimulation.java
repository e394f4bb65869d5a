package dev.orderly.benchmark;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The bare app ({@code benchmark/baseline}) with the same tool, the same number of virtual users
 * and the same duration as Orderly's scenarios, one per run ({@code BENCH_SCENARIO}):
 * <ul>
 * <li>{@code baseline} — {@code GET /orders/{id}}, random ids of the same seeded table (get-order's
 * counterpart)</li>
 * <li>{@code bare-list-first} — {@code GET /orders?limit=20} (list-first's)</li>
 * <li>{@code bare-create-order} — {@code POST /orders} with the body Orderly's create-order sends,
 * for a seeded user named in {@code X-User-Id} (create-order's)</li>
 * <li>{@code bare-login} — {@code POST /login} of the seeded users in turn (login's)</li>
 * <li>{@code bare-warmup} — all four at once, a quarter of the users each</li>
 * </ul>
 */
public class BaselineSimulation extends Simulation {

	private static final String SCENARIO = BenchConfig.env("BENCH_SCENARIO", "baseline");

	private final List<String> skus = BenchConfig.lines("skus.csv");

	private ChainBuilder request(String name) {
		return switch (name) {
			case "baseline" -> feed(BenchConfig.circular("order-ids.csv", "orderId"))
				.exec(http("GET /orders/{id} (baseline)").get("/orders/#{orderId}").check(status().is(200)));
			case "bare-list-first" -> exec(http("GET /orders (bare, first page)").get("/orders?limit=20")
				.check(status().is(200), jsonPath("$.meta.nextCursor").exists()));
			case "bare-create-order" -> feed(BenchConfig.circular("user-ids.csv", "userId"))
				.exec(http("POST /orders (bare)").post("/orders")
					.header("X-User-Id", "#{userId}")
					.body(StringBody(session -> BenchConfig.orderBody(skus, ThreadLocalRandom.current())))
					.check(status().is(201)));
			case "bare-login" -> feed(BenchConfig.circular("users.csv", "email"))
				.exec(http("POST /login (bare)").post("/login")
					.body(StringBody(session -> "{\"email\":\"" + session.getString("email") + "\",\"password\":\""
							+ BenchConfig.PASSWORD + "\"}"))
					.check(status().is(200)));
			default -> throw new IllegalArgumentException("unknown BENCH_SCENARIO " + name);
		};
	}

	private ScenarioBuilder scenarioFor(String name) {
		return scenario(name).during(BenchConfig.DURATION).on(request(name));
	}

	{
		var protocol = http.baseUrl(BenchConfig.BASE_URL)
			.acceptHeader("application/json")
			.contentTypeHeader("application/json")
			.userAgentHeader("orderly-benchmark")
			.disableCaching();
		if (SCENARIO.equals("bare-warmup")) {
			int quarter = Math.max(1, BenchConfig.USERS / 4);
			setUp(scenarioFor("baseline").injectOpen(atOnceUsers(quarter)),
					scenarioFor("bare-list-first").injectOpen(atOnceUsers(quarter)),
					scenarioFor("bare-create-order").injectOpen(atOnceUsers(quarter)),
					scenarioFor("bare-login").injectOpen(atOnceUsers(quarter)))
				.protocols(protocol);
		}
		else {
			setUp(scenarioFor(SCENARIO).injectOpen(atOnceUsers(BenchConfig.USERS))).protocols(protocol);
		}
	}
}
