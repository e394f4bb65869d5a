package dev.orderly.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.orderly.support.OrderlyAppTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrapable by the Prometheus an operator has (docs/ops/README.md): a real Prometheus 2.42 (Debian
 * 12's, installed by .ci/run) scrapes the application's management port. With the default
 * ({@code management.tracing.exemplars.include=none}) it keeps every scrape, although every request is
 * traced (sampling 1.0); with exemplars switched on it drops them ("does not support exemplars": an
 * exemplar on a {@code _count} series needs 2.43), which is why that is not the default.
 */
class PrometheusScrapeTests {

	/** What Prometheus 2.x sends: OpenMetrics first, the only format that carries exemplars. */
	static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
			+ "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

	static void onManagementPort(DynamicPropertyRegistry registry, int port) {
		registry.add("management.server.port", () -> port);
		registry.add("management.server.address", () -> "127.0.0.1");
	}

	abstract static class Scrape {

		@LocalServerPort
		int apiPort;

		final HttpClient client = HttpClient.newHttpClient();

		abstract int managementPort();

		/** Traced requests (sampling 1.0), so that an exemplar would be recorded if it were on. */
		String scrapeAfterTracedRequests() throws Exception {
			for (int i = 0; i < 5; i++) {
				client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/products")).build(),
						HttpResponse.BodyHandlers.discarding());
			}
			HttpResponse<String> scrape = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + "/actuator/prometheus"))
						.header("Accept", PROMETHEUS_ACCEPT)
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).isEqualTo(200);
			assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/openmetrics-text"));
			return scrape.body();
		}

		RealPrometheus.Target scrapedByRealPrometheus() throws Exception {
			try (RealPrometheus prometheus = RealPrometheus.scraping(managementPort(), "/actuator/prometheus")) {
				return prometheus.targetAfterScrapes();
			}
		}
	}

	@Nested
	@OrderlyAppTest
	@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
	class ByDefault extends Scrape {

		static final int PORT = freePort();

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			onManagementPort(registry, PORT);
		}

		@Override
		int managementPort() {
			return PORT;
		}

		@Test
		void prometheus242KeepsEveryScrape() throws Exception {
			assertThat(RealPrometheus.version()).as("the Prometheus these tests run").startsWith("prometheus, version 2.");
			String scrape = scrapeAfterTracedRequests();
			assertThat(scrape).contains("http_server_requests_seconds_count{").endsWith("# EOF\n");
			assertThat(scrape.lines().filter(line -> line.contains(" # {"))).as("lines with an exemplar").isEmpty();

			RealPrometheus.Target target = scrapedByRealPrometheus();
			assertThat(target.lastError()).isEmpty();
			assertThat(target.health()).isEqualTo("up");
		}
	}

	@Nested
	@OrderlyAppTest
	@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
			"management.tracing.exemplars.include=sampled-traces" })
	class WithExemplars extends Scrape {

		static final int PORT = freePort();

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			onManagementPort(registry, PORT);
		}

		@Override
		int managementPort() {
			return PORT;
		}

		@Test
		void needPrometheus243BecauseCountSeriesCarryThem() throws Exception {
			String scrape = scrapeAfterTracedRequests();
			assertThat(scrape.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")))
				.as("exemplars on _count series").anySatisfy(line -> assertThat(line).contains(" # {").contains("trace_id=\""));

			RealPrometheus.Target target = scrapedByRealPrometheus();
			assertThat(target.health()).isEqualTo("down");
			assertThat(target.lastError()).contains("does not support exemplars");
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
