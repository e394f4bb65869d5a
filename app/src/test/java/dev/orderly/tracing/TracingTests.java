package dev.orderly.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.support.OrderlyAppTest;
import dev.orderly.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One order, one trace (docs/adr/0023): {@code POST /api/v1/orders} → the notifications listener that
 * records the confirmation email (after commit, on another thread) → the email sent later by the
 * dispatcher from its outbox row. Every span is recorded (sampling 1.0) into an in-memory exporter,
 * and the listener's and the email's log lines carry the request's trace id and request id. A context of its own (sampling and the
 * exporter differ from the shared one).
 */
@OrderlyAppTest
@Import(TracingTests.InMemorySpans.class)
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0", "jdbc.datasource-proxy.enabled=true",
		"logging.level.dev.orderly.ModuleListenerObservation=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class TracingTests {

	static final Pattern CODE = Pattern.compile("Or enter this code: (\\S+)");

	static final Pattern USER_ID = Pattern.compile("userId=([0-9a-f-]{36})");

	static final AttributeKey<String> MODULE = AttributeKey.stringKey("orderly.module");

	static final AttributeKey<String> LISTENER = AttributeKey.stringKey("orderly.listener");

	static final AttributeKey<String> EVENT = AttributeKey.stringKey("orderly.event");

	@Autowired
	RestTestClient http;

	@Autowired
	InMemorySpanExporter spans;

	@Test
	void oneOrderIsOneTraceFromTheRequestThroughTheListenerToTheEmail(CapturedOutput output) {
		String sku = createProduct();
		String email = "traced-" + UUID.randomUUID() + "@example.com";
		String token = registerVerifyAndLogin(email);
		spans.reset();

		String requestId = UUID.randomUUID().toString();
		byte[] body = http.post().uri("/api/v1/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Request-Id", requestId)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "shippingAddress",
					Map.of("name", "Tracy Trace", "line1", "1 Market Street", "city", "Lyon", "country", "FR")))
			.exchange()
			.expectStatus().isCreated()
			.expectBody().returnResult().getResponseBodyContent();
		String orderId = com.jayway.jsonpath.JsonPath.read(new String(body), "$.data.id");
		awaitEmail(email, "We received your order " + orderId);

		SpanData request = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(span -> span.getName().equals("http post /api/v1/orders")), Optional::isPresent)
			.orElseThrow();
		SpanData listener = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(span -> "NotificationListeners.on".equals(span.getAttributes().get(LISTENER))
					&& "OrderPlaced".equals(span.getAttributes().get(EVENT))), Optional::isPresent)
			.orElseThrow();
		SpanData sent = await().atMost(Duration.ofSeconds(20))
			.until(() -> find(span -> span.getName().equals("notifications email send")
					&& span.getTraceId().equals(request.getTraceId())), Optional::isPresent)
			.orElseThrow();

		assertThat(request.getAttributes().get(MODULE)).isEqualTo("orders");
		assertThat(listener.getTraceId()).isEqualTo(request.getTraceId());
		assertThat(listener.getAttributes().get(MODULE)).isEqualTo("notifications");
		assertThat(ancestors(listener)).as("the listener's span descends from the request's")
			.contains(request.getSpanId());
		assertThat(sent.getParentSpanId()).as("the email continues the listener that recorded it")
			.isEqualTo(listener.getSpanId());
		assertThat(sent.getAttributes().get(MODULE)).isEqualTo("notifications");
		// with SQL spans switched on (ORDERLY_TRACING_SQL), the SQL of the request and of the listener are
		// spans of the same trace (datasource-micrometer)
		List<SpanData> statements = spans.getFinishedSpanItems().stream()
			.filter(span -> span.getTraceId().equals(request.getTraceId()))
			.filter(TracingTests::isSqlStatement)
			.toList();
		assertThat(statements).as("SQL spans in the request's trace")
			.anySatisfy(statement -> assertThat(ancestors(statement)).contains(request.getSpanId())
				.doesNotContain(listener.getSpanId()))
			.anySatisfy(statement -> assertThat(ancestors(statement)).contains(listener.getSpanId()));
		// the listener's lines (another thread, after the request answered) carry the request's
		// trace id, its request id and the module
		assertThat(output.getOut().lines()
			.filter(line -> line.contains("NotificationListeners.on handles OrderPlaced"))
			.filter(line -> line.contains(request.getTraceId())))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("[" + requestId + "]").contains("[notifications]"));
		// so do the email's, logged by the dispatcher from the outbox row later (docs/adr/0035)
		String emailLine = await().atMost(Duration.ofSeconds(20))
			.until(() -> output.getOut().lines()
				.filter(line -> line.endsWith(": email.sent"))
				.filter(line -> line.contains(request.getTraceId()))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(emailLine).contains("[" + requestId + "]").contains("[notifications]")
			.contains("[" + request.getTraceId() + ",");
	}

	static boolean isSqlStatement(SpanData span) {
		return span.getAttributes().asMap().keySet().stream().anyMatch(key -> key.getKey().startsWith("jdbc.query"));
	}

	private Optional<SpanData> find(Predicate<SpanData> condition) {
		return spans.getFinishedSpanItems().stream().filter(condition).findFirst();
	}

	/** The span ids above {@code span}, as far as they were recorded. */
	private List<String> ancestors(SpanData span) {
		List<String> ids = new ArrayList<>();
		String parent = span.getParentSpanId();
		while (parent != null && !parent.equals("0000000000000000") && !ids.contains(parent)) {
			ids.add(parent);
			String current = parent;
			parent = find(candidate -> candidate.getSpanId().equals(current)).map(SpanData::getParentSpanId)
				.orElse(null);
		}
		return ids;
	}

	private String createProduct() {
		String sku = "TRACE-" + UUID.randomUUID().toString().substring(0, 8);
		http.put().uri("/api/v1/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login("admin@orderly.test", "Correct-Horse-Battery-9"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Tea 250 g", "unitPrice", 900, "currency", "EUR"))
			.exchange()
			.expectStatus().isCreated();
		return sku;
	}

	private String registerVerifyAndLogin(String email) {
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", "Sunny-Meadow-Walk-42", "displayName", "Tracy Trace"))
			.exchange()
			.expectStatus().isAccepted();
		TestMailServer.Email verification = awaitEmail(email, "Confirm your email address");
		Matcher code = CODE.matcher(verification.body());
		Matcher link = USER_ID.matcher(verification.body());
		assertThat(code.find() && link.find()).as("code and user id in the verification email").isTrue();
		http.post().uri("/api/v1/users/{id}/verify-email", link.group(1)).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", code.group(1)))
			.exchange()
			.expectStatus().isOk();
		return login(email, "Sunny-Meadow-Walk-42");
	}

	private String login(String email, String password) {
		byte[] body = http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBodyContent();
		return com.jayway.jsonpath.JsonPath.read(new String(body), "$.data.accessToken");
	}

	private static TestMailServer.Email awaitEmail(String to, String subject) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> TestMailServer.to(to).stream().filter(email -> email.subject().equals(subject)).findFirst(),
					Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Every finished span, in memory, exported as it ends (a span processor of its own: independent of
	 * the export switches, which tests turn off).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
			return SimpleSpanProcessor.create(exporter);
		}
	}
}
