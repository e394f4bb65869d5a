package dev.orderly.hardening;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Shutting an instance down lets the request in flight finish while new connections are refused.
 */
@HardeningTest
class GracefulShutdownTests {

	@Autowired
	DataSource dataSource;

	@Test
	void finishesInFlightRequestsWhenShuttingDown() throws Exception {
		SecondInstance instance = SecondInstance.start(SecondInstance.Database.of(dataSource), Map.of());
		HardeningProbes.SlowRequests slow = instance.bean(HardeningProbes.SlowRequests.class);
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		URI slowUri = URI.create("http://localhost:" + instance.port() + HardeningProbes.BASE + "/slow");

		CompletableFuture<HttpResponse<String>> inFlight = client
			.sendAsync(HttpRequest.newBuilder(slowUri).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(slow.entered.await(10, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(instance::close);
		// graceful shutdown has begun once new connections are refused
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(slowUri).build(), HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(ConnectException.class));
		assertThat(shutdown).isNotDone();

		slow.release.countDown();
		HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("finished");
		shutdown.get(30, TimeUnit.SECONDS);
	}
}
