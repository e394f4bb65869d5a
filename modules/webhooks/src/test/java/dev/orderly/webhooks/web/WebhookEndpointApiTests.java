package dev.orderly.webhooks.web;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/webhook-endpoints} over real HTTP, every response checked against docs/openapi.json. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class WebhookEndpointApiTests {

	static final String BASE = "/api/v1/webhook-endpoints";

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	String admin() {
		return tokens.bearer(UUID.randomUUID(), "ADMIN");
	}

	@Test
	void registersAnEndpointAndShowsItsSecretOnlyOnce() {
		JsonNode created = create("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"order.placed\",\"order.shipped\","
				+ "\"order.placed\"],\"description\":\"Fulfilment\"}");
		assertThat(created.get("secret").asString()).startsWith("whsec_");
		assertThat(created.get("enabled").asBoolean()).isTrue();
		assertThat(created.get("eventTypes")).hasSize(2);
		String id = created.get("id").asString();

		JsonNode read = data(send(HttpMethod.GET, BASE + "/" + id, admin(), null).expectStatus().isOk());
		assertThat(read.has("secret")).isFalse();
		assertThat(read.get("url").asString()).isEqualTo("http://127.0.0.1:9/hook");
		assertThat(read.get("description").asString()).isEqualTo("Fulfilment");
	}

	@Test
	void listsEndpointsNewestFirstPageByPage() {
		String first = create(body("/one", "order.*")).get("id").asString();
		String second = create(body("/two", "order.*")).get("id").asString();
		String third = create(body("/three", "order.*")).get("id").asString();
		String page = send(HttpMethod.GET, BASE + "?limit=2", admin(), null).expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		JsonNode tree = json.readTree(page);
		assertThat(tree.at("/data/0/id").asString()).isEqualTo(third);
		assertThat(tree.at("/data/1/id").asString()).isEqualTo(second);
		String cursor = tree.at("/meta/nextCursor").asString();
		JsonNode next = json.readTree(send(HttpMethod.GET, BASE + "?limit=2&cursor=" + cursor, admin(), null)
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
		assertThat(next.at("/data/0/id").asString()).isEqualTo(first);
	}

	@Test
	void updatesDisablesEnablesRotatesAndDeletes() {
		JsonNode created = create(body("/ops", "order.placed"));
		String id = created.get("id").asString();
		JsonNode patched = data(send(HttpMethod.PATCH, BASE + "/" + id, admin(),
				"{\"eventTypes\":[\"order.cancelled\"],\"description\":\"\"}").expectStatus().isOk());
		assertThat(patched.get("eventTypes").get(0).asString()).isEqualTo("order.cancelled");
		assertThat(patched.get("description").isNull()).isTrue();
		assertThat(patched.get("url").asString()).isEqualTo(created.get("url").asString());

		JsonNode disabled = data(send(HttpMethod.POST, BASE + "/" + id + "/disable", admin(), null).expectStatus().isOk());
		assertThat(disabled.get("enabled").asBoolean()).isFalse();
		assertThat(disabled.get("disabledReason").asString()).isEqualTo("Disabled by an administrator");
		JsonNode enabled = data(send(HttpMethod.POST, BASE + "/" + id + "/enable", admin(), null).expectStatus().isOk());
		assertThat(enabled.get("enabled").asBoolean()).isTrue();

		JsonNode rotated = data(send(HttpMethod.POST, BASE + "/" + id + "/rotate-secret", admin(), null).expectStatus().isOk());
		assertThat(rotated.get("secret").asString()).startsWith("whsec_").isNotEqualTo(created.get("secret").asString());
		assertThat(rotated.get("previousSecretExpiresAt").isNull()).isFalse();

		send(HttpMethod.DELETE, BASE + "/" + id, admin(), null).expectStatus().isNoContent();
		expectError(send(HttpMethod.GET, BASE + "/" + id, admin(), null), 404, "NOT_FOUND");
	}

	@Test
	void listsDeliveriesAndRefusesToRetryOneInFlight() {
		String id = create(body("/deliveries", "order.*")).get("id").asString();
		UUID delivery = UUID.randomUUID();
		// in flight on another, live instance: this instance's dispatcher leaves it alone (it would take
		// back a SENDING row of its own at its next run: one whose outcome a failed run did not record)
		String other = "webhooks-api-test-" + delivery;
		jdbc.sql("INSERT INTO orderly_instances (id, started_at, heartbeat_at) VALUES (:id, now(), now() + interval '1 hour')")
			.param("id", other)
			.update();
		try {
			jdbc.sql("""
					INSERT INTO webhooks.deliveries (id, endpoint_id, event_key, event_type, payload, status, attempts,
					  retry_until, lease_until, claimed_by, last_response_code, last_attempt_at, created_at, updated_at)
					VALUES (:id, :endpoint, 'k', 'order.placed', '{}', 'SENDING', 3, now() + interval '1 day',
					  now() + interval '1 hour', :other, 503, now(), now(), now())
					""")
				.param("id", delivery)
				.param("endpoint", UUID.fromString(id))
				.param("other", other)
				.update();
			JsonNode listed = data(send(HttpMethod.GET, BASE + "/" + id + "/deliveries?status=SENDING", admin(), null)
				.expectStatus().isOk());
			assertThat(listed).hasSize(1);
			assertThat(listed.get(0).get("attempts").asInt()).isEqualTo(3);
			assertThat(listed.get(0).get("lastResponseCode").asInt()).isEqualTo(503);
			assertThat(listed.get(0).get("webhookId").asString()).isEqualTo("msg_" + delivery.toString().replace("-", ""));
			assertThat(data(send(HttpMethod.GET, BASE + "/" + id + "/deliveries?status=DEAD", admin(), null)
				.expectStatus().isOk())).isEmpty();

			expectError(send(HttpMethod.POST, BASE + "/" + id + "/deliveries/" + delivery + "/retry", admin(), null), 409,
					"CONFLICT");
			expectError(send(HttpMethod.POST, BASE + "/" + id + "/deliveries/" + UUID.randomUUID() + "/retry", admin(), null),
					404, "NOT_FOUND");
			jdbc.sql("UPDATE webhooks.deliveries SET status = 'DEAD', lease_until = NULL WHERE id = :id")
				.param("id", delivery)
				.update();
			JsonNode retried = data(send(HttpMethod.POST, BASE + "/" + id + "/deliveries/" + delivery + "/retry", admin(), null)
				.expectStatus().isAccepted());
			assertThat(retried.get("attempts").asInt()).isZero();
			expectError(send(HttpMethod.GET, BASE + "/" + id + "/deliveries?status=LOST", admin(), null), 400,
					"VALIDATION_ERROR");
		}
		finally {
			jdbc.sql("DELETE FROM orderly_instances WHERE id = :id").param("id", other).update();
		}
	}

	@Test
	void isForAdministratorsOnly() {
		String user = tokens.bearer(UUID.randomUUID(), "USER");
		expectError(send(HttpMethod.POST, BASE, user, body("/mine", "order.*")), 403, "FORBIDDEN");
		expectError(send(HttpMethod.GET, BASE, user, null), 403, "FORBIDDEN");
		send(HttpMethod.GET, BASE, null, null).expectStatus().isUnauthorized();
	}

	@Test
	void refusesTargetsThatMayNotBeCalledNamingTheUrl() {
		for (String url : new String[] { "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/",
				"ftp://127.0.0.1/hook", "http://224.0.0.1/hook", "http://0.0.0.0/hook", "not a url" }) {
			send(HttpMethod.POST, BASE, admin(), "{\"url\":\"" + url + "\",\"eventTypes\":[\"order.*\"]}")
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
				.jsonPath("$.error.details[0].field").isEqualTo("url");
		}
	}

	@Test
	void refusesUnknownEventTypesAndUnknownProperties() {
		send(HttpMethod.POST, BASE, admin(), "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"order.lost\"]}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("eventTypes");
		expectError(send(HttpMethod.POST, BASE, admin(), "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[]}"), 400,
				"VALIDATION_ERROR");
		expectError(send(HttpMethod.POST, BASE, admin(),
				"{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"order.*\"],\"secret\":\"whsec_mine\"}"), 400,
				"VALIDATION_ERROR");
	}

	// --- helpers ---------------------------------------------------------------------------

	static String body(String path, String type) {
		return "{\"url\":\"http://127.0.0.1:9" + path + "\",\"eventTypes\":[\"" + type + "\"]}";
	}

	JsonNode create(String body) {
		String response = send(HttpMethod.POST, BASE, admin(), body).expectStatus().isCreated()
			.expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith(BASE + "/"))
			.expectBody(String.class).returnResult().getResponseBody();
		return json.readTree(response).get("data");
	}

	JsonNode data(RestTestClient.ResponseSpec response) {
		return json.readTree(response.expectBody(String.class).returnResult().getResponseBody()).get("data");
	}

	RestTestClient.ResponseSpec send(HttpMethod method, String uri, String token, String body) {
		var spec = http.method(method).uri(uri);
		if (token != null) {
			spec.header(HttpHeaders.AUTHORIZATION, token);
		}
		if (body != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return spec.exchange();
	}

	static void expectError(RestTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.error.code").isEqualTo(code);
	}

}
