package dev.orderly.hardening;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Two instances of the application on one database draw from the same buckets: a caller cannot
 * double their allowance by being balanced onto another instance.
 */
@HardeningTest
class SharedRateLimitTests {

	@Autowired
	DataSource dataSource;

	@Test
	void sharesLimitsBetweenInstancesOnOneDatabase() {
		SecondInstance.Database database = SecondInstance.Database.of(dataSource);
		Map<String, String> limits = Map.of("orderly.rate-limit.api.capacity", "4", "orderly.rate-limit.api.window", "1h",
				"orderly.web.trusted-proxies", "127.0.0.1,::1");
		try (SecondInstance one = SecondInstance.start(database, limits);
				SecondInstance two = SecondInstance.start(database, limits)) {
			RestTestClient first = client(one);
			RestTestClient second = client(two);
			String caller = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
			for (RestTestClient instance : new RestTestClient[] { first, second, first, second }) {
				instance.get().uri(HardeningProbes.BASE + "/static").header("X-Forwarded-For", caller)
					.exchange()
					.expectStatus().isOk();
			}
			for (RestTestClient instance : new RestTestClient[] { first, second }) {
				instance.get().uri(HardeningProbes.BASE + "/static").header("X-Forwarded-For", caller)
					.exchange()
					.expectStatus().isEqualTo(429)
					.expectHeader().valueEquals("RateLimit-Policy", "\"default\";q=4;w=3600")
					.expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
			}
		}
	}

	static RestTestClient client(SecondInstance instance) {
		return RestTestClient.bindToServer().baseUrl("http://localhost:" + instance.port()).build();
	}
}
