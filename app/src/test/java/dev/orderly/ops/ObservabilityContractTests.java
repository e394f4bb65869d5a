package dev.orderly.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;
import dev.orderly.support.OrderlyAppTest;
import dev.orderly.support.RepositoryFiles;
import dev.orderly.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the dashboard in docs/ops cannot drift from the code: every metric their
 * expressions name is one the running application exposes on {@code /actuator/prometheus} (after a
 * registration, so a module listener ran and an email was sent). The saturation and backlog metrics
 * the runbooks rely on are there, and every rule has a runbook line.
 */
@OrderlyAppTest
class ObservabilityContractTests {

	/** RabbitMQ's own Prometheus plugin (rabbitmq_prometheus), read by the orderly-broker rules. */
	static final Set<String> RABBITMQ_METRICS = Set.of("rabbitmq_queue_messages_ready");

	/** PromQL words that look like metric names. */
	static final Set<String> PROMQL = Set.of("sum", "rate", "increase", "max", "min", "avg", "by", "without",
			"and", "or", "unless", "histogram_quantile", "count", "on", "ignoring", "group_left", "group_right",
			"abs", "clamp_min", "clamp_max", "topk", "bottomk", "offset");

	static final Pattern SELECTOR = Pattern.compile("\\{[^}]*}");

	static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)");

	static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	static final Pattern NAME = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b");

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void everyAlertRuleNamesAMetricTheApplicationExposesAndHasARunbook() throws IOException {
		Set<String> exposed = exposedMetrics();
		JsonNode rules = YAMLMapper.shared().readTree(file("docs/ops/prometheus/alerts.yml").toFile());
		List<String> problems = new ArrayList<>();
		int count = 0;
		for (JsonNode group : rules.get("groups")) {
			boolean broker = group.get("name").asString().equals("orderly-broker");
			for (JsonNode rule : group.get("rules")) {
				count++;
				String alert = rule.get("alert").asString();
				if (rule.at("/annotations/runbook").asString("").isBlank()) {
					problems.add(alert + ": no runbook");
				}
				for (String metric : metricsIn(rule.get("expr").asString())) {
					if (broker ? !RABBITMQ_METRICS.contains(metric) : !exposed.contains(metric)) {
						problems.add(alert + ": " + metric);
					}
				}
			}
		}
		assertThat(count).isGreaterThanOrEqualTo(6);
		assertThat(problems).as("alert rules naming metrics the application does not expose").isEmpty();
	}

	@Test
	void everyDashboardPanelQueriesMetricsTheApplicationExposes() throws IOException {
		Set<String> exposed = exposedMetrics();
		JsonNode dashboard = JsonMapper.shared()
			.readTree(file("docs/ops/grafana/dashboards/orderly-overview.json").toFile());
		List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
		assertThat(expressions).hasSizeGreaterThan(10);
		assertThat(expressions.stream().flatMap(expr -> metricsIn(expr).stream()).filter(name -> !exposed.contains(name)))
			.as("dashboard queries naming metrics the application does not expose")
			.isEmpty();
	}

	@Test
	void exposesSaturationAndBacklogMetrics() {
		assertThat(exposedMetrics()).contains("hikaricp_connections_active", "hikaricp_connections_pending",
				"orderly_events_publications_incomplete", "orderly_events_publications_oldest_age_seconds",
				"orderly_notifications_outbox_pending", "orderly_notifications_outbox_failed",
				"orderly_notifications_outbox_oldest_pending_age_seconds", "orderly_ratelimit_rejected_total",
				"jvm_memory_used_bytes", "jvm_threads_live_threads", "orderly_module_listener_seconds_count",
				"orderly_email_send_seconds_count");
	}

	/** The metric names in a PromQL expression (label matchers, groupings, ranges and strings removed). */
	static Set<String> metricsIn(String expr) {
		String bare = SELECTOR.matcher(expr).replaceAll(" ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		bare = RANGE.matcher(bare).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = NAME.matcher(bare);
		while (matcher.find()) {
			String name = matcher.group();
			if (!PROMQL.contains(name) && !name.matches("\\d.*")) {
				names.add(name);
			}
		}
		return names;
	}

	/** Metric names on /actuator/prometheus, once a registration ran a listener and sent an email. */
	private Set<String> exposedMetrics() {
		String email = "ops-" + UUID.randomUUID() + "@example.com";
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", "Sunny-Meadow-Walk-42", "displayName", "Ops"))
			.exchange()
			.expectStatus().isAccepted();
		await().atMost(Duration.ofSeconds(20)).until(() -> !TestMailServer.to(email).isEmpty());
		return await().atMost(Duration.ofSeconds(10)).until(this::scrape,
				names -> names.contains("orderly_email_send_seconds_count"));
	}

	private Set<String> scrape() {
		String scrape = http.get().uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		return scrape.lines()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(line -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

	private static Path file(String path) {
		return RepositoryFiles.root().resolve(path);
	}

	@Test
	void theExpressionParserFindsMetricNamesOnly() {
		assertThat(metricsIn("histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
				+ "{job=\"orderly\",status=~\"5..\"}[5m]))) > 1 and max by (instance) (hikaricp_connections_pending) > 0"))
			.containsExactly("hikaricp_connections_pending", "http_server_requests_seconds_bucket");
	}
}
