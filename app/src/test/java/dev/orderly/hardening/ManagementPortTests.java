package dev.orderly.hardening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.orderly.support.WithManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a separate management port (ADR 0023), Prometheus scrapes it without a token, while the
 * same scrape on the API's port and every other actuator endpoint on either port stay for
 * administrators.
 */
class ManagementPortTests extends WithManagementPort {

	@LocalServerPort
	int apiPort;

	final HttpClient client = HttpClient.newHttpClient();

	@Test
	void servesTheScrapeWithoutATokenOnlyOnTheManagementPort() throws Exception {
		assertThat(get(apiPort, "/actuator/prometheus").statusCode()).as("the API's port").isEqualTo(401);

		HttpResponse<String> scrape = get(MANAGEMENT_PORT, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("http_server_requests_seconds_bucket").contains("hikaricp_connections_active");
		assertThat(get(MANAGEMENT_PORT, "/actuator/metrics").statusCode()).as("other endpoints").isEqualTo(401);
		assertThat(get(MANAGEMENT_PORT, "/actuator/env").statusCode()).as("other endpoints").isIn(401, 404);
		assertThat(get(MANAGEMENT_PORT, "/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	HttpResponse<String> get(int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
