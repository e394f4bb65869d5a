package dev.orderly.benchmark;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Simulation;

/**
 * The baseline app ({@code benchmark/baseline}): {@code GET /orders/{id}} with the same tool, the
 * same number of virtual users and the same duration as Orderly's {@code get-order} scenario, on
 * random ids of the same seeded table.
 */
public class BaselineSimulation extends Simulation {

	{
		setUp(scenario("baseline-get-order")
			.during(BenchConfig.DURATION)
			.on(feed(BenchConfig.circular("order-ids.csv", "orderId"))
				.exec(http("GET /orders/{id} (baseline)").get("/orders/#{orderId}").check(status().is(200))))
			.injectOpen(atOnceUsers(BenchConfig.USERS)))
			.protocols(http.baseUrl(BenchConfig.BASE_URL).acceptHeader("application/json").disableCaching());
	}
}
