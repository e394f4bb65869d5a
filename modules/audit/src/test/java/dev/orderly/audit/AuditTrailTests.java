package dev.orderly.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.audit.application.AuditTrail;
import dev.orderly.auth.events.RefreshTokenReused;
import dev.orderly.orders.events.PriceListChanged;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.events.FirstAdministratorCreated;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRolesChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The audit module alone (and the platform), in one application context: the events the other modules
 * publish, published as they publish them (in a transaction), become one entry each, once; and
 * {@code /api/v1/audit-events} over real HTTP, every response checked against docs/openapi.json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class AuditTrailTests {

	static final String BASE = "/api/v1/audit-events";

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditTrail trail;

	// --- consumption ---------------------------------------------------------------------------

	@Test
	void recordsEachAuditedEventWithActorTargetActionBeforeAndAfter() {
		UUID admin = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		Instant at = now();
		publish(new UserRolesChanged(user, Set.of("USER", "ADMIN"), at, Set.of("USER"), admin, "req-roles"));
		publish(new UserDeleted(user, at.plusMillis(1), admin, "req-delete"));
		publish(new FirstAdministratorCreated(admin, at.plusMillis(2)));
		publish(new PriceListChanged("AUD-" + user, null, new PriceListChanged.Entry("Mug", 1250, "EUR", true), admin,
				"req-create", at.plusMillis(3)));
		publish(new PriceListChanged("AUD-" + user, new PriceListChanged.Entry("Mug", 1250, "EUR", true),
				new PriceListChanged.Entry("Mug", 1400, "EUR", false), admin, "req-change", at.plusMillis(4)));
		UUID session = UUID.randomUUID();
		publish(new RefreshTokenReused(user, session, "req-reuse", at.plusMillis(5)));

		JsonNode byUser = awaitEntries("target=" + user, 3);
		assertThat(byUser.get(0).get("action").asString()).isEqualTo("auth.refresh_token_reused");
		assertThat(byUser.get(0).get("actorId").isNull()).isTrue();
		assertThat(byUser.get(0).at("/after/sessionId").asString()).isEqualTo(session.toString());
		assertThat(byUser.get(0).get("requestId").asString()).isEqualTo("req-reuse");

		JsonNode deleted = byUser.get(1);
		assertThat(deleted.get("action").asString()).isEqualTo("user.deleted");
		assertThat(deleted.get("actorId").asString()).isEqualTo(admin.toString());
		assertThat(deleted.get("targetType").asString()).isEqualTo("user");
		assertThat(deleted.get("before").isNull()).isTrue();

		JsonNode roles = byUser.get(2);
		assertThat(roles.get("action").asString()).isEqualTo("user.roles_changed");
		assertThat(roles.get("actorId").asString()).isEqualTo(admin.toString());
		assertThat(roles.get("targetId").asString()).isEqualTo(user.toString());
		assertThat(roles.at("/before/roles").asString()).isEqualTo("USER");
		assertThat(roles.at("/after/roles").asString()).isEqualTo("ADMIN,USER");
		assertThat(roles.get("requestId").asString()).isEqualTo("req-roles");
		assertThat(Instant.parse(roles.get("occurredAt").asString())).isEqualTo(at);

		JsonNode firstAdmin = awaitEntries("target=" + admin, 1).get(0);
		assertThat(firstAdmin.get("action").asString()).isEqualTo("user.first_admin_created");
		assertThat(firstAdmin.get("actorId").isNull()).isTrue();
		assertThat(firstAdmin.get("requestId").isNull()).isTrue();

		JsonNode product = awaitEntries("target=AUD-" + user, 2);
		assertThat(product.get(0).get("action").asString()).isEqualTo("product.changed");
		assertThat(product.get(0).get("targetType").asString()).isEqualTo("product");
		assertThat(product.get(0).at("/before/unitPrice").asString()).isEqualTo("1250");
		assertThat(product.get(0).at("/after/unitPrice").asString()).isEqualTo("1400");
		assertThat(product.get(0).at("/after/active").asString()).isEqualTo("false");
		assertThat(product.get(1).get("action").asString()).isEqualTo("product.created");
		assertThat(product.get(1).get("before").isNull()).isTrue();
		assertThat(product.get(1).at("/after/name").asString()).isEqualTo("Mug");
	}

	@Test
	void recordsARedeliveredEventOnce() {
		UUID user = UUID.randomUUID();
		UserRolesChanged event = new UserRolesChanged(user, Set.of("USER"), now(), Set.of("USER", "ADMIN"),
				UUID.randomUUID(), null);
		publish(event);
		awaitEntries("target=" + user, 1);
		publish(event); // at least once: the registry may deliver it again after a crash
		publish(new UserRolesChanged(user, Set.of("USER"), event.changedAt())); // a producer of the previous release
		UUID marker = UUID.randomUUID();
		publish(new UserDeleted(marker, now()));
		awaitEntries("target=" + marker, 1); // listeners are asynchronous: this one ran after the repeats
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(rows(user)).isEqualTo(1));
	}

	// --- the API -------------------------------------------------------------------------------

	@Test
	void filtersByActorActionAndTimeAndPagesWithACursor() {
		UUID admin = UUID.randomUUID();
		Instant start = now();
		for (int i = 0; i < 5; i++) {
			publish(new UserDeleted(UUID.randomUUID(), start.plusSeconds(i), admin, "req-" + i));
		}
		publish(new UserRolesChanged(UUID.randomUUID(), Set.of("USER", "ADMIN"), start.plusSeconds(2), Set.of("USER"),
				admin, null));
		awaitEntries("actorId=" + admin, 6);

		JsonNode page = page("actorId=" + admin + "&action=user.deleted&limit=2");
		assertThat(page.at("/meta/limit").asInt()).isEqualTo(2);
		assertThat(page.at("/data/0/requestId").asString()).isEqualTo("req-4");
		assertThat(page.at("/data/1/requestId").asString()).isEqualTo("req-3");
		JsonNode next = page("actorId=" + admin + "&action=user.deleted&limit=2&cursor=" + page.at("/meta/nextCursor").asString());
		assertThat(next.at("/data/0/requestId").asString()).isEqualTo("req-2");
		assertThat(next.at("/data/1/requestId").asString()).isEqualTo("req-1");
		JsonNode last = page("actorId=" + admin + "&action=user.deleted&limit=2&cursor=" + next.at("/meta/nextCursor").asString());
		assertThat(last.get("data")).hasSize(1);
		assertThat(last.at("/meta/nextCursor").isNull()).isTrue();

		JsonNode window = page("actorId=" + admin + "&from=" + start.plusSeconds(1) + "&to=" + start.plusSeconds(3));
		assertThat(window.get("data")).hasSize(3); // seconds 1 and 2 (two entries), not 3: "to" is exclusive
		assertThat(page("actorId=" + admin + "&action=user.roles_changed").get("data")).hasSize(1);
	}

	@Test
	void refusesBadFiltersWithTheFieldNamed() {
		expectInvalid("action=user.hacked", "action");
		expectInvalid("actorId=not-a-uuid", "actorId");
		expectInvalid("from=yesterday", "from");
		expectInvalid("target=" + "x".repeat(65), "target");
		expectInvalid("target=%3Cscript%3E", "target");
		Instant now = now();
		expectInvalid("from=" + now + "&to=" + now.minusSeconds(1), "from");
		send(HttpMethod.GET, BASE + "?cursor=garbage", admin()).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
		send(HttpMethod.GET, BASE + "?limit=101", admin()).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
	}

	@Test
	void isForAdministratorsOnlyAndReadOnly() {
		expectError(send(HttpMethod.GET, BASE, tokens.bearer(UUID.randomUUID(), "USER")), 403, "FORBIDDEN");
		send(HttpMethod.GET, BASE, null).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
		for (HttpMethod method : new HttpMethod[] { HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE }) {
			expectError(send(method, BASE, admin()), 405, "METHOD_NOT_ALLOWED");
		}
	}

	@Test
	void neverUpdatesARowEvenOutsideTheApi() {
		UUID user = UUID.randomUUID();
		publish(new UserDeleted(user, now(), null, null));
		awaitEntries("target=" + user, 1);
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit.events SET action = 'user.roles_changed' WHERE target_id = :t")
			.param("t", user.toString())
			.update()).hasMessageContaining("append-only");
	}

	// --- retention -----------------------------------------------------------------------------

	@Test
	void retentionDeletesOnlyEntriesOlderThanTheSetting() {
		UUID old = UUID.randomUUID();
		UUID recent = UUID.randomUUID();
		publish(new UserDeleted(old, now().minus(Duration.ofDays(401)), null, null));
		publish(new UserDeleted(recent, now().minus(Duration.ofDays(399)), null, null));
		awaitEntries("target=" + recent, 1);
		await().atMost(TIMEOUT).until(() -> rows(old) == 1);
		assertThat(trail.purgeExpired()).isGreaterThanOrEqualTo(1);
		assertThat(rows(old)).isZero();
		assertThat(rows(recent)).isEqualTo(1);
	}

	// --- helpers -------------------------------------------------------------------------------

	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	String admin() {
		return tokens.bearer(UUID.randomUUID(), "ADMIN");
	}

	void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	int rows(UUID target) {
		return jdbc.sql("SELECT count(*) FROM audit.events WHERE target_id = :t").param("t", target.toString())
			.query(Integer.class).single();
	}

	JsonNode awaitEntries(String filter, int count) {
		return await().atMost(TIMEOUT).until(() -> page(filter).get("data"), data -> data.size() == count);
	}

	JsonNode page(String query) {
		return json.readTree(send(HttpMethod.GET, BASE + "?" + query, admin()).expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
	}

	void expectInvalid(String query, String field) {
		send(HttpMethod.GET, BASE + "?" + query, admin()).expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo(field);
	}

	RestTestClient.ResponseSpec send(HttpMethod method, String uri, String token) {
		var spec = http.method(method).uri(uri);
		if (token != null) {
			spec.header(HttpHeaders.AUTHORIZATION, token);
		}
		if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
			spec.contentType(MediaType.APPLICATION_JSON).body("{}");
		}
		return spec.exchange();
	}

	static void expectError(RestTestClient.ResponseSpec response, int status, String code) {
		response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.error.code").isEqualTo(code);
	}
}
