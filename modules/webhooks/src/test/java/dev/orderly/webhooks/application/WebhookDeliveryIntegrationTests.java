package dev.orderly.webhooks.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
import dev.orderly.platform.Actor;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.platform.test.GoldenMessages;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.webhooks.StandardWebhooksVerifier;
import dev.orderly.webhooks.WebhookPayloadSchemas;
import dev.orderly.webhooks.TestReceiver;
import dev.orderly.webhooks.TestReceiver.Answer;
import dev.orderly.webhooks.TestReceiver.Received;
import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.DeliveryStatus;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.domain.SigningSecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhooks module alone (and the platform) against a real HTTP receiver on loopback: order events
 * published as the orders module publishes them become signed deliveries, retried, given up or
 * resent as the contract says.
 */
@ApplicationModuleTest
@WithTestDatabase
@Import({ TestTokensConfiguration.class, WebhookDeliveryIntegrationTests.Notices.class })
class WebhookDeliveryIntegrationTests {

	/** What notifications would get: every notice for the administrators that webhooks asks for. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Notices {

		final List<AdministratorNoticeRequested> requested = new CopyOnWriteArrayList<>();

		@org.springframework.context.event.EventListener
		void on(AdministratorNoticeRequested notice) {
			requested.add(notice);
		}

		List<AdministratorNoticeRequested> about(Endpoint endpoint) {
			return requested.stream().filter(n -> n.link().equals("/api/v1/webhook-endpoints/" + endpoint.id())).toList();
		}
	}

	@Autowired
	Notices notices;

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final Actor ADMIN = new Actor(UUID.randomUUID(), Set.of(Actor.ADMIN));

	@Autowired
	EndpointManagement endpoints;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	/** A receiver of its own for each test (made here: the test instance may be shared by the class). */
	TestReceiver receiver;

	@BeforeEach
	void startReceiver() {
		receiver = new TestReceiver();
	}

	@AfterEach
	void stopReceiverAndForgetEndpoints() {
		receiver.close();
		jdbc.sql("DELETE FROM webhooks.endpoints").update(); // no test's endpoint keeps retrying in the next
	}

	@Test
	void deliversASignedOrderEventThatAnIndependentVerifierAccepts() {
		Endpoint endpoint = register("/placed", "order.placed");
		UUID orderId = UUID.randomUUID();
		Instant placedAt = Instant.parse("2026-12-06T08:00:00Z");
		publish(new OrderPlaced(orderId, UUID.randomUUID(), List.of(new OrderLine("TEA-1", "Green tea", 2, 450, 900)),
				900, 0, 900, "EUR", placedAt));

		Received request = awaitRequests("/placed", 1).get(0);
		String id = request.header("webhook-id");
		String timestamp = request.header("webhook-timestamp");
		assertThat(id).startsWith("msg_");
		assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60L));
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(StandardWebhooksVerifier.verifies(request.header("webhook-signature"), endpoint.secret(), id,
				timestamp, request.body())).isTrue();
		assertThat(StandardWebhooksVerifier.verifies(request.header("webhook-signature"),
				SigningSecret.generate(), id, timestamp, request.body())).isFalse();

		JsonNode body = json.readTree(request.body());
		assertThat(body.get("type").asString()).isEqualTo("order.placed");
		assertThat(body.get("timestamp").asString()).isEqualTo("2026-12-06T08:00:00Z");
		assertThat(body.at("/data/orderId").asString()).isEqualTo(orderId.toString());
		assertThat(body.at("/data/lines/0/sku").asString()).isEqualTo("TEA-1");
		assertThat(body.at("/data/total").asLong()).isEqualTo(900);

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		assertThat(delivery.webhookId()).isEqualTo(id);
		assertThat(delivery.attempts()).isGreaterThanOrEqualTo(1);
		assertThat(delivery.lastResponseCode()).isEqualTo(200);
		assertThat(delivery.deliveredAt()).isNotNull();
	}

	@Test
	void recordsEachEventOncePerSubscribedEndpointEvenWhenItIsRedelivered() {
		Endpoint all = register("/all", "order.*");
		Endpoint shipped = register("/shipped", "order.shipped");
		Endpoint cancelled = register("/cancelled", "order.cancelled");
		UUID orderId = UUID.randomUUID();
		OrderShipped event = new OrderShipped(orderId, UUID.randomUUID(), "TRACK-1", Instant.now());
		publish(event);
		publish(event);

		awaitStatus(all, DeliveryStatus.DELIVERED);
		awaitStatus(shipped, DeliveryStatus.DELIVERED);
		assertThat(deliveriesOf(all)).hasSize(1);
		assertThat(deliveriesOf(shipped)).hasSize(1);
		assertThat(deliveriesOf(cancelled)).isEmpty();
		assertThat(receiver.at("/all")).hasSize(1);
		assertThat(receiver.at("/cancelled")).isEmpty();
	}

	/**
	 * ADR 0043: an event that no enabled endpoint subscribes to when it is published gets no
	 * publication (no outbox row, no listener transaction); one that an endpoint subscribes to gets
	 * one, stored in the publishing transaction.
	 */
	@Test
	void anEventIsPublishedToWebhooksOnlyWhileAnEnabledEndpointSubscribesToItsType() {
		assertThat(webhooksPublicationsStoredBy(cancelled())).isZero();

		Endpoint shipped = register("/shipped-only", "order.shipped");
		assertThat(webhooksPublicationsStoredBy(cancelled())).isZero();
		assertThat(webhooksPublicationsStoredBy(new OrderShipped(UUID.randomUUID(), UUID.randomUUID(), "TRACK-1",
				Instant.now()))).isOne();

		endpoints.setEnabled(ADMIN, shipped.id(), false);
		assertThat(webhooksPublicationsStoredBy(new OrderShipped(UUID.randomUUID(), UUID.randomUUID(), "TRACK-2",
				Instant.now()))).isZero();

		register("/everything", "order.*");
		assertThat(webhooksPublicationsStoredBy(cancelled())).isOne();
	}

	/** Each listener method's event has its wire type in the table that {@code supports} reads. */
	@Test
	void everyListenedEventTypeIsKnownToTheDecisionWhetherItNeedsAPublication() {
		List<Class<?>> listened = Arrays.stream(OrderEventListeners.class.getDeclaredMethods())
			.filter(method -> method.isAnnotationPresent(ApplicationModuleListener.class))
			.<Class<?>>map(method -> method.getParameterTypes()[0])
			.toList();
		assertThat(listened).isNotEmpty();
		assertThat(OrderEventListeners.EVENT_TYPES).containsExactlyInAnyOrderElementsOf(listened);
	}

	/** Publishes {@code event} and counts, before its transaction ends, the webhooks publications it stored. */
	int webhooksPublicationsStoredBy(Object event) {
		return transactions.execute(status -> {
			events.publishEvent(event);
			int stored = jdbc.sql("""
					SELECT count(*) FROM event_publication
					WHERE listener_id LIKE '%OrderEventListeners%' AND serialized_event LIKE :id""")
				.param("id", "%" + orderIdOf(event) + "%")
				.query(Integer.class)
				.single();
			status.setRollbackOnly(); // nothing delivered: the count is the point
			return stored;
		});
	}

	static UUID orderIdOf(Object event) {
		return switch (event) {
			case OrderCancelled cancelled -> cancelled.orderId();
			case OrderShipped shipped -> shipped.orderId();
			default -> throw new IllegalArgumentException(event.getClass().getName());
		};
	}

	@Test
	void retriesA500WithTheSameWebhookIdUntilItIsDelivered() {
		Endpoint endpoint = register("/flaky", "order.cancelled");
		receiver.answer("/flaky", Answer.status(500), Answer.status(503));
		publish(cancelled());

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		List<Received> requests = receiver.at("/flaky");
		assertThat(requests.size()).isGreaterThanOrEqualTo(3);
		assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(delivery.webhookId());
		assertThat(requests).extracting(Received::body).containsOnly(requests.get(0).body());
		assertThat(delivery.attempts()).isEqualTo(requests.size());
		assertThat(endpoints.find(ADMIN, endpoint.id()).failingSince()).as("failures forgotten after a success").isNull();
	}

	@Test
	void retriesAfterATimeout() {
		Endpoint endpoint = register("/slow", "order.cancelled");
		receiver.answer("/slow", Answer.slow(Duration.ofSeconds(5)));
		publish(cancelled());

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		assertThat(delivery.attempts()).isGreaterThanOrEqualTo(2);
		List<Received> requests = receiver.at("/slow");
		assertThat(requests.size()).isGreaterThanOrEqualTo(2);
		assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(delivery.webhookId());
	}

	@Test
	void retriesWhenTheConnectionIsRefused() {
		TestReceiver closed = new TestReceiver();
		String url = closed.url("/gone-away");
		closed.close();
		Endpoint endpoint = endpoints.register(ADMIN, url, List.of("order.cancelled"), null);
		publish(cancelled());

		await().atMost(TIMEOUT).until(() -> deliveriesOf(endpoint).get(0).attempts() >= 2);
		Delivery delivery = deliveriesOf(endpoint).get(0);
		assertThat(delivery.status()).isIn(DeliveryStatus.PENDING, DeliveryStatus.SENDING);
		assertThat(delivery.lastResponseCode()).isNull();
		assertThat(endpoints.find(ADMIN, endpoint.id()).failingSince()).isNotNull();
	}

	@Test
	void honoursRetryAfterOfA429() {
		Endpoint endpoint = register("/busy", "order.cancelled");
		receiver.answer("/busy", new Answer(429, Map.of("Retry-After", "1"), Duration.ZERO));
		publish(cancelled());

		awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		List<Received> requests = receiver.at("/busy");
		assertThat(requests.size()).isGreaterThanOrEqualTo(2);
		assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900)); // back-off alone: 100 to 200 ms
	}

	@Test
	void goneDisablesTheEndpointAtOnce() {
		Endpoint endpoint = register("/410", "order.cancelled");
		receiver.answer("/410", Answer.status(410));
		publish(cancelled());

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DEAD);
		assertThat(delivery.lastResponseCode()).isEqualTo(410);
		Endpoint disabled = awaitDisabled(endpoint);
		assertThat(disabled.disabledReason()).contains("410");
		// every administrator is told in the app, through notifications' contract: once, without the URL
		assertThat(notices.about(endpoint)).singleElement().satisfies(notice -> {
			assertThat(notice.source()).isEqualTo("webhooks");
			assertThat(notice.severity()).isEqualTo(AdministratorNoticeRequested.WARNING);
			assertThat(notice.title()).isEqualTo("Webhook endpoint disabled");
			assertThat(notice.message()).contains(endpoint.id().toString(), "410 Gone", "/enable")
				.doesNotContain(endpoint.url());
		});
		publish(cancelled());
		assertThat(deliveriesOf(endpoint)).as("a disabled endpoint gets no new deliveries").hasSize(1);
	}

	@Test
	void doesNotFollowRedirects() {
		Endpoint endpoint = register("/moved", "order.cancelled");
		receiver.answer("/moved", new Answer(302, Map.of("Location", receiver.url("/elsewhere")), Duration.ZERO));
		publish(cancelled());

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DEAD);
		assertThat(delivery.lastResponseCode()).isEqualTo(302);
		assertThat(receiver.at("/moved")).hasSize(1);
		assertThat(receiver.at("/elsewhere")).isEmpty();
	}

	@Test
	void refusesATargetAgainAtDeliveryTime() {
		Endpoint endpoint = register("/changed", "order.cancelled");
		// as if DNS now pointed the endpoint's name at the cloud metadata service
		jdbc.sql("UPDATE webhooks.endpoints SET url = 'http://169.254.169.254/latest/meta-data' WHERE id = :id")
			.param("id", endpoint.id())
			.update();
		publish(cancelled());

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DEAD);
		assertThat(delivery.lastError()).contains("Target not allowed").contains("metadata");
		assertThat(delivery.lastResponseCode()).isNull();
	}

	@Test
	void givesUpAfterTheRetryWindowAndDisablesAnEndpointFailingThatLong() {
		Endpoint endpoint = register("/down", "order.cancelled");
		receiver.answer("/down", Answer.status(500), Answer.status(500), Answer.status(500));
		jdbc.sql("UPDATE webhooks.endpoints SET failing_since = now() - interval '2 days' WHERE id = :id")
			.param("id", endpoint.id())
			.update();
		insertDelivery(endpoint, "'PENDING'", "now() - interval '1 second'", null, null);

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DEAD);
		assertThat(delivery.lastResponseCode()).isEqualTo(500);
		assertThat(receiver.at("/down")).isNotEmpty();
		Endpoint disabled = awaitDisabled(endpoint);
		assertThat(disabled.disabledReason()).startsWith("Failing continuously since");
		assertThat(notices.about(endpoint)).singleElement()
			.satisfies(notice -> assertThat(notice.message()).contains("Failing continuously since"));
	}

	@Test
	void resendsWithTheSameWebhookIdWhatAnInstanceThatDiedLeftInFlight() {
		Endpoint endpoint = register("/crash", "order.cancelled");
		// an instance claimed it and died mid-attempt: its heartbeat is gone, its lease not over for an hour
		UUID deliveryId = insertDelivery(endpoint, "'SENDING'", "now() + interval '1 day'", "orderly-dead-instance",
				"now() + interval '1 hour'");

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		assertThat(delivery.id()).isEqualTo(deliveryId);
		assertThat(delivery.attempts()).isGreaterThanOrEqualTo(2);
		assertThat(receiver.at("/crash")).isNotEmpty()
			.extracting(request -> request.header("webhook-id"))
			.containsOnly(Delivery.webhookId(deliveryId));
	}

	@Test
	void leavesAloneWhatAnotherLiveInstanceHasInFlight() throws InterruptedException {
		Endpoint endpoint = register("/live", "order.cancelled");
		String other = "orderly-live-elsewhere-" + UUID.randomUUID();
		jdbc.sql("INSERT INTO orderly_instances (id, started_at, heartbeat_at) VALUES (:id, now(), now() + interval '1 hour')")
			.param("id", other)
			.update();
		try {
			insertDelivery(endpoint, "'SENDING'", "now() + interval '1 day'", "'" + other + "'", "now() + interval '1 hour'");

			Thread.sleep(1500);
			assertThat(receiver.at("/live")).isEmpty();
			assertThat(deliveriesOf(endpoint).get(0).status()).isEqualTo(DeliveryStatus.SENDING);
		}
		finally {
			jdbc.sql("DELETE FROM orderly_instances WHERE id = :id").param("id", other).update();
		}
	}

	@Test
	void resendsAtOnceWhatThisInstanceLeftSendingWhenItsRunFailed() {
		Endpoint endpoint = register("/own", "order.cancelled");
		// this instance claimed it, then the database went away before the outcome was recorded
		String me = jdbc.sql("SELECT current_setting('application_name')").query(String.class).single();
		assertThat(me).startsWith("orderly-");
		UUID deliveryId = insertDelivery(endpoint, "'SENDING'", "now() + interval '1 day'", "'" + me + "'",
				"now() + interval '1 hour'");

		Delivery delivery = awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		assertThat(delivery.id()).isEqualTo(deliveryId);
		assertThat(receiver.at("/own")).extracting(request -> request.header("webhook-id"))
			.containsOnly(Delivery.webhookId(deliveryId));
	}

	@Test
	void signsWithTheOldAndTheNewSecretDuringTheGracePeriod() {
		Endpoint endpoint = register("/rotated", "order.cancelled");
		Endpoint rotated = endpoints.rotateSecret(ADMIN, endpoint.id());
		assertThat(rotated.secret()).isNotEqualTo(endpoint.secret());
		assertThat(rotated.previousSecretExpiresAt()).isAfter(Instant.now().plus(23, ChronoUnit.HOURS));
		publish(cancelled());

		Received request = awaitRequests("/rotated", 1).get(0);
		String header = request.header("webhook-signature");
		assertThat(header.split(" ")).hasSize(2);
		for (String secret : List.of(endpoint.secret(), rotated.secret())) {
			assertThat(StandardWebhooksVerifier.verifies(header, secret, request.header("webhook-id"),
					request.header("webhook-timestamp"), request.body())).isTrue();
		}
	}

	@Test
	void anAdministratorCanSendADeadDeliveryAgainWithTheSameWebhookId() {
		Endpoint endpoint = register("/retry", "order.cancelled");
		receiver.answer("/retry", Answer.status(400));
		publish(cancelled());
		Delivery dead = awaitStatus(endpoint, DeliveryStatus.DEAD);

		Delivery retried = endpoints.retry(ADMIN, endpoint.id(), dead.id());
		assertThat(retried.status()).isIn(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.DELIVERED);
		awaitStatus(endpoint, DeliveryStatus.DELIVERED);
		assertThat(receiver.at("/retry").size()).isGreaterThanOrEqualTo(2);
		assertThat(receiver.at("/retry")).extracting(r -> r.header("webhook-id"))
			.containsOnly(dead.webhookId());
	}

	@Test
	void deliversEachGoldenOrderEventAsAPayloadOfItsSchemaInTheAsyncApiDocument() throws Exception {
		register("/schemas", "order.*");
		IntegrationEvents.Reader reader = IntegrationEvents.reader(json, OrderEventListeners.EVENT_TYPES);
		List<Object> golden = new ArrayList<>();
		for (Path file : GoldenMessages.files()) {
			if (file.getFileName().toString().matches("v[0-9]+\\.json")) {
				golden.add(reader.read(Files.readAllBytes(file)));
			}
		}
		assertThat(golden).extracting(event -> event.getClass().getSimpleName())
			.containsExactlyInAnyOrder("OrderPlaced", "OrderConfirmed", "OrderShipped", "OrderDelivered", "OrderCancelled");
		golden.forEach(this::publish);

		List<Received> requests = awaitRequests("/schemas", golden.size());
		assertThat(requests).extracting(request -> json.readTree(request.body()).path("type").asString())
			.containsExactlyInAnyOrder("order.placed", "order.confirmed", "order.shipped", "order.delivered",
					"order.cancelled");
		for (Received request : requests) {
			assertThat(WebhookPayloadSchemas.violations(request.body(), request.headers())).as(request.body()).isEmpty();
		}
		// and what the schemas say is not vacuous: a payload without its data, or of the wrong type, is refused
		Received placed = requests.stream().filter(r -> r.body().contains("\"order.placed\"")).findFirst().orElseThrow();
		assertThat(WebhookPayloadSchemas.violations(placed.body().replace("\"order.placed\"", "\"order.shipped\""),
				placed.headers())).isNotEmpty();
		assertThat(WebhookPayloadSchemas.violations(placed.body().replace("\"orderId\"", "\"order\""), placed.headers()))
			.isNotEmpty();
	}

	// --- helpers ---------------------------------------------------------------------------

	Endpoint register(String path, String... types) {
		return endpoints.register(ADMIN, receiver.url(path), List.of(types), "test " + path);
	}

	/** A delivery of {@code endpoint} written straight into the outbox (SQL expressions for its state). */
	UUID insertDelivery(Endpoint endpoint, String status, String retryUntil, String claimedBy, String leaseUntil) {
		UUID id = UUID.randomUUID();
		String claimer = claimedBy == null ? "NULL" : claimedBy.startsWith("'") ? claimedBy : "'" + claimedBy + "'";
		jdbc.sql("""
				INSERT INTO webhooks.deliveries (id, endpoint_id, event_key, event_type, payload, status, attempts,
				  next_attempt_at, retry_until, lease_until, claimed_by, created_at, updated_at)
				VALUES (:id, :endpoint, :key, 'order.cancelled', '{"type":"order.cancelled"}', %s, %s, now(), %s, %s, %s,
				  now(), now())
				""".formatted(status, status.contains("SENDING") ? "1" : "0", retryUntil,
				leaseUntil == null ? "NULL" : leaseUntil, claimer))
			.param("id", id)
			.param("endpoint", endpoint.id())
			.param("key", "order.cancelled:" + id)
			.update();
		return id;
	}

	void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	static OrderCancelled cancelled() {
		return new OrderCancelled(UUID.randomUUID(), UUID.randomUUID(), "Changed my mind", 999, "EUR", Instant.now());
	}

	List<Delivery> deliveriesOf(Endpoint endpoint) {
		return endpoints.deliveries(ADMIN, endpoint.id(), null, null, 100);
	}

	Delivery awaitStatus(Endpoint endpoint, DeliveryStatus status) {
		return await().atMost(TIMEOUT).until(() -> deliveriesOf(endpoint).stream().findFirst().orElse(null),
				delivery -> delivery != null && delivery.status() == status);
	}

	Endpoint awaitDisabled(Endpoint endpoint) {
		return await().atMost(TIMEOUT).until(() -> endpoints.find(ADMIN, endpoint.id()), found -> !found.enabled());
	}

	List<Received> awaitRequests(String path, int count) {
		return await().atMost(TIMEOUT).until(() -> receiver.at(path), requests -> requests.size() >= count);
	}
}
