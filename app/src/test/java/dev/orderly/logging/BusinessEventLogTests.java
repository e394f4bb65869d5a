package dev.orderly.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.support.Journeys;
import dev.orderly.support.OrderlyAppTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's view of a whole journey (docs/ops/README.md, "Business and security events"): every
 * state change a user or operator cares about is one INFO line with its stable event name and its ids
 * as key-value fields — and no password, token or email address the journey used appears anywhere in
 * the log. A context of its own: rate limits on, the password-reset limit lowered to trip it.
 */
@OrderlyAppTest
@TestPropertySource(properties = { "orderly.test.rate-limit.enabled=true", "orderly.rate-limit.password-reset.capacity=2",
		"orderly.rate-limit.password-reset.window=1h" })
@ExtendWith(OutputCaptureExtension.class)
class BusinessEventLogTests {

	@Autowired
	RestTestClient http;

	/** Everything secret or personal the journey sends or receives, to look for in the log. */
	final List<String> secrets = new ArrayList<>();

	@Test
	void logsEveryBusinessAndSecurityEventOfAJourneyAndNoSecret(CapturedOutput output) {
		Journeys journeys = new Journeys(http);
		secrets.addAll(List.of(Journeys.ADMIN_EMAIL, Journeys.ADMIN_PASSWORD));
		String admin = secret(journeys.login(Journeys.ADMIN_EMAIL, Journeys.ADMIN_PASSWORD));
		String sku = journeys.productPricedByAdmin("LOG", "Logged tea", 450, "EUR");

		// a customer registers, verifies, logs in, fails to log in, orders and cancels
		String password = secret("Pw-" + UUID.randomUUID());
		Journeys.Customer ada = journeys.customer("Ada", password);
		secret(ada.email());
		ada.register().expectStatus().isAccepted();
		ada.verifyEmail().login();
		String wrongPassword = secret("Wrong-" + UUID.randomUUID());
		journeys.attemptLogin(ada.email(), wrongPassword).expectStatus().isUnauthorized();
		String nobody = secret("nobody-" + UUID.randomUUID() + "@example.com");
		journeys.attemptLogin(nobody, password).expectStatus().isUnauthorized();
		String orderId = ada.placeOrder(sku, 3, body -> {
		});
		ada.cancel(orderId, "changed my mind").expectStatus().isOk();
		ada.awaitEmail("We received your order " + orderId);

		// another customer probes ada's order, the account list, and sends an invalid order
		String bobPassword = secret("Pw-" + UUID.randomUUID());
		Journeys.Customer bob = journeys.customer("Bob", bobPassword);
		secret(bob.email());
		bob.register().expectStatus().isAccepted();
		bob.verifyEmail();
		Map<String, String> bobSession = login(bob.email(), bobPassword);
		String bobToken = bobSession.get("accessToken");
		http.get().uri("/api/v1/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, "Bearer " + bobToken)
			.exchange().expectStatus().isNotFound();
		http.get().uri("/api/v1/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + bobToken)
			.exchange().expectStatus().isForbidden();
		http.post().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + bobToken)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("items", List.of(), "shippingAddress", Map.of("name", "Bob")))
			.exchange().expectStatus().isBadRequest();

		// a forged token, a replayed refresh token, a logged-out session's token
		String forged = secret(bobToken.substring(0, bobToken.lastIndexOf('.') + 1) + "Zm9yZ2Vk");
		http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)
			.exchange().expectStatus().isUnauthorized();
		Map<String, String> rotated = refresh(bobSession.get("refreshToken"));
		assertThat(rotated).isNotNull();
		http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", bobSession.get("refreshToken")))
			.exchange().expectStatus().isUnauthorized();
		Map<String, String> second = login(bob.email(), bobPassword);
		http.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", second.get("refreshToken")))
			.exchange().expectStatus().isNoContent();
		await().atMost(Duration.ofSeconds(5)).until(() -> http.get().uri("/api/v1/users/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + second.get("accessToken"))
			.exchange().returnResult(String.class).getStatus().value() == 401);

		// a rate limit trips
		for (int i = 0; i < 3; i++) {
			http.post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("email", nobody))
				.exchange();
		}

		// the administrator promotes, then deletes bob
		String rolesRequest = "audit-" + UUID.randomUUID();
		http.put().uri("/api/v1/users/{id}/roles", bob.userId()).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.header("X-Request-Id", rolesRequest)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("roles", List.of("USER", "ADMIN")))
			.exchange().expectStatus().isOk();
		http.delete().uri("/api/v1/users/{id}", bob.userId()).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.exchange().expectStatus().is2xxSuccessful();

		String log = await().atMost(Duration.ofSeconds(20)).until(output::getAll,
				all -> all.lines().anyMatch(line -> line.endsWith(": email.sent") && line.contains(ada.userId())));
		assertThat(event(log, "product.changed", "sku=\"" + sku + "\"")).contains("created=\"true\"", "unitPrice=\"450\"");
		assertThat(event(log, "user.registered", "userId=\"" + ada.userId() + "\"")).isNotNull();
		assertThat(event(log, "auth.logged_in", "userId=\"" + ada.userId() + "\"")).contains("sessionId=", "clientAddress=");
		assertThat(event(log, "auth.login_failed", "userId=\"" + ada.userId() + "\"")).contains("reason=\"wrong_password\"");
		assertThat(event(log, "auth.login_failed", "reason=\"unknown_account\"")).contains("clientAddress=\"127.0.0.1\"");
		assertThat(event(log, "order.placed", "orderId=\"" + orderId + "\"")).contains("userId=\"" + ada.userId() + "\"",
				"items=\"1\"", "total=\"", "currency=\"EUR\"");
		assertThat(event(log, "order.cancelled", "orderId=\"" + orderId + "\"")).contains("actorId=\"" + ada.userId() + "\"");
		assertThat(event(log, "email.sent", "userId=\"" + ada.userId() + "\"")).contains("notificationId=", "kind=",
				"sinceEventMs=");
		assertThat(event(log, "security.access_denied", "resourceId=\"" + orderId + "\"")).contains("status=\"404\"",
				"actorId=\"" + bob.userId() + "\"");
		assertThat(event(log, "security.access_denied", "status=\"403\"")).contains("path=\"/api/v1/users\"",
				"actorId=\"" + bob.userId() + "\"");
		assertThat(event(log, "request.validation_rejected", "path=\"/api/v1/orders\"")).contains("fields=");
		assertThat(event(log, "auth.token_refused", "reason=\"bad_signature\"")).contains("path=\"/api/v1/users/me\"");
		assertThat(event(log, "auth.refresh_token_reused", "userId=\"" + bob.userId() + "\"")).contains("sessionId=");
		assertThat(event(log, "auth.logged_out", "userId=\"" + bob.userId() + "\"")).isNotNull();
		assertThat(event(log, "auth.token_refused", "reason=\"revoked\"")).isNotNull();
		assertThat(event(log, "security.rate_limited", "policy=\"password-reset\"")).contains("clientAddress=");
		assertThat(event(log, "user.roles_changed", "userId=\"" + bob.userId() + "\"")).contains("rolesBefore=\"[USER]\"",
				"rolesAfter=\"[ADMIN, USER]\"");
		assertThat(event(log, "user.deleted", "userId=\"" + bob.userId() + "\"")).contains("actorId=");
		// every event line carries the request's id and the module
		assertThat(log.lines().filter(line -> line.endsWith(": order.placed")))
			.allSatisfy(line -> assertThat(line).matches(".*\\[[0-9a-f-]{36}\\] \\[[0-9a-f]*,[0-9a-f]*\\] \\[orders\\].*"));

		// the same actions in the audit trail (docs/adr/0039), with their actor and request
		String trail = await().atMost(Duration.ofSeconds(20)).until(() -> auditEvents(admin, "target=" + bob.userId()),
				body -> JsonPath.<List<?>>read(body, "$.data").size() == 3);
		assertThat(JsonPath.<List<String>>read(trail, "$.data[*].action")).containsExactly("user.deleted",
				"user.roles_changed", "auth.refresh_token_reused");
		String adminId = JsonPath.read(trail, "$.data[0].actorId");
		assertThat(adminId).isNotNull().isEqualTo(JsonPath.read(trail, "$.data[1].actorId"));
		assertThat(JsonPath.<String>read(trail, "$.data[1].requestId")).isEqualTo(rolesRequest);
		assertThat(JsonPath.<String>read(trail, "$.data[1].before.roles")).isEqualTo("USER");
		assertThat(JsonPath.<String>read(trail, "$.data[1].after.roles")).isEqualTo("ADMIN,USER");
		assertThat(JsonPath.<Object>read(trail, "$.data[2].actorId")).isNull();
		String product = await().atMost(Duration.ofSeconds(20)).until(() -> auditEvents(admin, "target=" + sku),
				body -> !JsonPath.<List<?>>read(body, "$.data").isEmpty());
		assertThat(JsonPath.<String>read(product, "$.data[0].action")).isEqualTo("product.created");
		assertThat(JsonPath.<String>read(product, "$.data[0].after.unitPrice")).isEqualTo("450");
		assertThat(JsonPath.<String>read(product, "$.data[0].actorId")).isEqualTo(adminId);
		String firstAdmin = auditEvents(admin, "action=user.first_admin_created");
		assertThat(JsonPath.<String>read(firstAdmin, "$.data[0].targetId")).isEqualTo(adminId);

		// the application's lines: the in-process test SMTP server (GreenMail) logs the mailboxes it creates
		String application = log.lines().filter(line -> !line.contains("c.icegreen.greenmail"))
			.collect(Collectors.joining("\n"));
		assertThat(secrets).allSatisfy(secret -> assertThat(application).as("the log").doesNotContain(secret));
		assertThat(application).as("no email address at all").doesNotContainPattern("[A-Za-z0-9._%+-]+@example\\.com");
	}

	String auditEvents(String adminToken, String query) {
		return http.get().uri("/api/v1/audit-events?" + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	/** The one event line named {@code event} that contains {@code identifying}. */
	static String event(String log, String event, String identifying) {
		List<String> lines = log.lines().filter(line -> line.endsWith(": " + event) && line.contains(identifying)).toList();
		assertThat(lines).as("%s lines with %s", event, identifying).isNotEmpty();
		assertThat(lines.get(0)).as("INFO (WARN for a reused refresh token)").containsAnyOf(" INFO ", " WARN ");
		return lines.get(0);
	}

	Map<String, String> login(String email, String password) {
		return tokens(http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password)));
	}

	Map<String, String> refresh(String refreshToken) {
		return tokens(http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refreshToken", refreshToken)));
	}

	Map<String, String> tokens(RestTestClient.RequestHeadersSpec<?> request) {
		String body = new String(request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());
		String access = secret(JsonPath.read(body, "$.data.accessToken"));
		String refresh = secret(JsonPath.read(body, "$.data.refreshToken"));
		return Map.of("accessToken", access, "refreshToken", refresh);
	}

	String secret(String value) {
		secrets.add(value);
		return value;
	}
}
