package dev.orderly.hardening;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes are public; everything else in actuator is for administrators; Prometheus exposes the
 * latency histograms (p50/p95/p99 come from {@code histogram_quantile} over their buckets, which,
 * unlike client-side percentiles, aggregate across instances), throughput and error counts by
 * status, and the connection pool.
 */
@HardeningTest
class ActuatorTests {

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void servesLivenessAndReadinessWithTheDatabaseToAnyone() {
		http.get().uri("/actuator/health/liveness").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		http.get().uri("/actuator/health/readiness")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.db.status").isEqualTo("UP")
			.jsonPath("$.components.readinessState.status").isEqualTo("UP");
	}

	@Test
	void givesAnonymousCallersTheProbesOnlyWithoutDetails() {
		http.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components").doesNotExist();
		for (String path : new String[] { "/actuator/health", "/actuator/health/db", "/actuator/health/mail",
				"/actuator/health/diskSpace" }) {
			http.get().uri(path).exchange()
				.expectStatus().isUnauthorized()
				.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
			http.get().uri(path).header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "USER")).exchange()
				.expectStatus().isForbidden();
		}
		http.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.components.db.status").isEqualTo("UP");
	}

	@Test
	void keepsPrometheusAndMetricsForAdministrators() {
		http.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
		http.get().uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "USER"))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
		http.get().uri("/actuator/metrics")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "USER"))
			.exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void exposesLatencyHistogramsPercentilesErrorsAndThePoolToPrometheus() {
		http.get().uri(HardeningProbes.BASE + "/database").exchange().expectStatus().isOk();
		http.get().uri("/api/v1/no-such-endpoint").exchange().expectStatus().isUnauthorized();
		String scrape = http.get().uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(scrape).contains("http_server_requests_seconds_bucket{")
			.contains("http_server_requests_seconds_count{")
			.contains("http_server_requests_seconds_sum{")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.1\\d*\"")
			.contains("le=\"+Inf\"")
			.containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"")
			.contains("hikaricp_connections_active")
			.contains("hikaricp_connections_max")
			.contains("jvm_threads_live_threads");
	}
}
