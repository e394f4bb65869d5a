package dev.orderly.hardening;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running instance (an in-JVM TCP proxy in front of PostgreSQL is
 * closed): requests fail fast with 503 and Retry-After, rate limiting fails open, the instance
 * stays alive but not ready, and it recovers by itself when the database is back.
 */
@HardeningTest
class DatabaseOutageTests {

	@Autowired
	DataSource dataSource;

	@Test
	void answers503WhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
		SecondInstance.Database database = SecondInstance.Database.of(dataSource);
		NioReactor reactor = new NioReactor();
		TcpCrusher proxy = TcpCrusherBuilder.builder()
			.withReactor(reactor)
			.withBindAddress("127.0.0.1", freePort())
			.withConnectAddress(database.host(), database.port())
			.buildAndOpen();
		try (SecondInstance instance = SecondInstance.start(database.via("127.0.0.1", proxy.getBindAddress().getPort()),
				Map.of("orderly.rate-limit.store-retry-interval", "2s"))) {
			RestTestClient http = RestTestClient.bindToServer()
				.baseUrl("http://localhost:" + instance.port())
				.build();
			http.get().uri(HardeningProbes.BASE + "/database").exchange().expectStatus().isOk();
			http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

			proxy.close();

			http.get().uri(HardeningProbes.BASE + "/database")
				.exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().exists(HttpHeaders.RETRY_AFTER)
				.expectBody().jsonPath("$.error.code").isEqualTo("SERVICE_UNAVAILABLE");
			// rate limiting fails open: what does not need the database still works
			http.get().uri(HardeningProbes.BASE + "/static").exchange().expectStatus().isOk();
			http.get().uri("/actuator/health/liveness").exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$.status").isEqualTo("UP");
			// readiness reuses its database check for a second (ADR 0034): DOWN within that bound
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> http.get().uri("/actuator/health/readiness").exchange()
					.expectStatus().isEqualTo(503)
					.expectBody().jsonPath("$.status").isEqualTo("DOWN"));

			proxy.open();

			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				http.get().uri(HardeningProbes.BASE + "/database").exchange().expectStatus().isOk();
				http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			});
		}
		finally {
			proxy.close();
			reactor.close();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
