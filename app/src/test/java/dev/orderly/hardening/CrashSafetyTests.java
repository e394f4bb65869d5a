package dev.orderly.hardening;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.test.FreshDatabase;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.webhooks.StandardWebhooksVerifier;
import dev.orderly.webhooks.TestReceiver;
import dev.orderly.webhooks.WebhookPayloadSchemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real process death and real outages, end to end: two instances of the application in child JVMs
 * ({@link ChildInstance}) on a database of their own, behind an in-JVM TCP proxy (NetCrusher) each
 * for PostgreSQL and for the SMTP server (GreenMail, in this JVM), orders placed at concurrency with
 * {@code Idempotency-Key}s by clients that retry every failure with the same key on the next
 * instance, as behind a load balancer.
 * <ol>
 * <li>One instance is killed with SIGKILL mid-stream and restarted; the other survives.</li>
 * <li>The SMTP server is unreachable for a while.</li>
 * <li>The database is unreachable for a while, under load.</li>
 * </ol>
 * After each: every acknowledged order exists exactly once, a replay returns the original response,
 * every order has its in-app notification exactly once and its email at least once and at most
 * once more per send in flight at the fault, no publication stays incomplete, no key stays blocked.
 * The kill also happens while webhooks are in flight to a real receiver on loopback (the webhooks
 * module's {@link TestReceiver}, each request held {@link #WEBHOOK_HOLD}): every acknowledged order's
 * {@code order.placed} arrives, signed, of the schema in {@code docs/asyncapi.json}, exactly once but for
 * the deliveries the killed instance had in flight, which arrive at most twice, with one
 * {@code webhook-id}, resent within {@link #WEBHOOK_BOUND}; the endpoint is deleted after that phase.
 * Bounded: about 250 orders, every wait has a deadline, every child is killed in {@link #stop()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyTests {

	/** The bound stated in the README for resubmitting a crashed instance's publications. */
	static final Duration PUBLICATION_BOUND = Duration.ofSeconds(30);

	/**
	 * The bound for an email the dead instance was sending to be sent again (README, ADR 0035), and for
	 * email delivery to resume after a database outage: taken over with the heartbeat (instance lease
	 * 10 s), not after the email's own lease (1 min; both at their defaults here).
	 */
	static final Duration EMAIL_BOUND = Duration.ofSeconds(30);

	static final Pattern INSTANCE_ID = Pattern.compile("This instance is (orderly-[0-9a-f-]{36})");

	/** How long a key may answer 409 after its claimant died (the database aborts its transaction at once). */
	static final Duration KEY_BOUND = Duration.ofSeconds(5);

	static final int CONCURRENCY = 8;

	/** Emails each instance sends side by side (the default is 1): each may leave one uncertain at a fault. */
	static final int SENDERS = 4;

	/** The bound for a webhook the killed instance was sending to be sent again (ADR 0037: about 12 s). */
	static final Duration WEBHOOK_BOUND = Duration.ofSeconds(30);

	/** How long the receiver holds each webhook request, so that the kill finds some in flight. */
	static final Duration WEBHOOK_HOLD = Duration.ofMillis(200);

	static final String WEBHOOK_PATH = "/crash-receiver";

	/** A webhook an instance sent but could not record the outcome of (it is sent again). */
	static final Pattern OUTCOME_NOT_RECORDED = Pattern.compile("webhook\\.outcome_not_recorded webhookId=(msg_[0-9a-f]{32})");

	static final Pattern ORDER_SUBJECT = Pattern.compile("We received your order ([0-9a-f-]{36})");

	final FreshDatabase database = FreshDatabase.create();

	final JsonMapper json = JsonMapper.builder().build();

	final List<ChildInstance> started = new CopyOnWriteArrayList<>();

	/** Where clients send requests (round robin), as a load balancer would. */
	final List<ChildInstance> endpoints = new CopyOnWriteArrayList<>();

	/** Every order acknowledged so far, by idempotency key. */
	final Map<String, Ack> acknowledged = new ConcurrentHashMap<>();

	final String adminPassword = "Admin-" + UUID.randomUUID();

	final KeyPair signingKeys = TestTokens.newKeyPair();

	NioReactor reactor;

	TcpCrusher databaseProxy;

	TcpCrusher smtpProxy;

	GreenMail smtp;

	TestReceiver receiver;

	/** The webhook endpoint registered for the kill phase: its id and signing secret. */
	String webhookEndpoint;

	String webhookSecret;

	ChildInstance first;

	ChildInstance second;

	String sku;

	List<Customer> customers;

	record Customer(UUID id, String email, String token) {
	}

	record Ack(String key, UUID orderId, int status, String body) {
	}

	record Attempt(String key, Instant at, long millis, int status, String code) {
	}

	@BeforeAll
	void start() throws Exception {
		smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		reactor = new NioReactor();
		SecondInstance.Database direct = new SecondInstance.Database(database.url(), database.username(),
				database.password());
		databaseProxy = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", ChildInstance.freePort())
			.withConnectAddress(direct.host(), direct.port()).buildAndOpen();
		smtpProxy = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", ChildInstance.freePort())
			.withConnectAddress("127.0.0.1", smtp.getSmtp().getPort()).buildAndOpen();

		receiver = new TestReceiver();
		receiver.answerOtherwise(TestReceiver.Answer.slow(WEBHOOK_HOLD));
		first = startInstance("first");
		second = startInstance("second");
		endpoints.addAll(List.of(first, second));

		String admin = first.login("admin@crash.test", adminPassword);
		sku = "CRASH-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> product = first.send("PUT", "/api/v1/products/" + sku, admin,
				"{\"name\":\"Crash tea\",\"unitPrice\":450,\"currency\":\"EUR\"}", null);
		assertThat(product.statusCode()).isEqualTo(201);
		HttpResponse<String> endpoint = first.send("POST", "/api/v1/webhook-endpoints", admin,
				json.writeValueAsString(Map.of("url", receiver.url(WEBHOOK_PATH), "eventTypes", List.of("order.*"))), null);
		assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
		webhookEndpoint = json.readTree(endpoint.body()).at("/data/id").asString();
		webhookSecret = json.readTree(endpoint.body()).at("/data/secret").asString();
		customers = new ArrayList<>();
		for (int i = 0; i < CONCURRENCY; i++) {
			customers.add(register(i % 2 == 0 ? first : second, "customer-" + i + "-" + UUID.randomUUID() + "@crash.test"));
		}
	}

	@AfterAll
	void stop() {
		started.forEach(ChildInstance::close);
		if (smtpProxy != null) {
			smtpProxy.close();
		}
		if (databaseProxy != null) {
			databaseProxy.close();
		}
		if (reactor != null) {
			reactor.close();
		}
		if (smtp != null) {
			smtp.stop();
		}
		if (receiver != null) {
			receiver.close();
		}
	}

	@Test
	@Order(1)
	void survivesSigkillOfOneOfTwoInstancesMidStreamAndItsRestart() throws Exception {
		List<String> keys = keys("kill", 150);
		Queue attempts = new Queue();
		Instant[] killedAt = new Instant[1];
		int[] inFlightAtKill = new int[1];
		int[] survivorLogAtKill = new int[1];
		CompletableFuture<Instant> resubmitted = new CompletableFuture<>();

		List<String> sendingAtKill = new CopyOnWriteArrayList<>();
		List<String> webhooksAtKill = new CopyOnWriteArrayList<>();
		List<String> allWebhooksAtKill = new CopyOnWriteArrayList<>();
		String firstId = instanceId(first);
		placeAll(keys, attempts, acked -> {
			if (acked == 50) {
				// killed while it is sending an email and a webhook (bounded wait), so that both bounds are tested
				waiting("an email and a webhook in flight on the first instance").atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> count("SELECT count(*) FROM notifications.notifications WHERE status = 'SENDING' AND claimed_by = ?",
							firstId) > 0
							&& count("SELECT count(*) FROM webhooks.deliveries WHERE status = 'SENDING' AND claimed_by = ?",
									firstId) > 0);
				first.kill();
				killedAt[0] = Instant.now();
				survivorLogAtKill[0] = second.output().length();
				Instant killed = killedAt[0];
				// every publication stored before the kill is completed by the survivor (or the restarted one)
				CompletableFuture.runAsync(() -> {
					waiting("publications of the killed instance completed").atMost(PUBLICATION_BOUND.plusSeconds(30))
						.pollInterval(Duration.ofMillis(200))
						.until(() -> count("SELECT count(*) FROM event_publication WHERE publication_date <= ?",
								Timestamp.from(killed)) == 0);
					resubmitted.complete(Instant.now());
				}).exceptionally(ex -> {
					resubmitted.completeExceptionally(ex);
					return null;
				});
				endpoints.remove(first);
				// every email this instance was sending (one per sender) stays SENDING and may arrive twice
				inFlightAtKill[0] = (int) count("SELECT count(*) FROM notifications.notifications WHERE status = 'SENDING'");
				sendingAtKill.addAll(strings(
						"SELECT id::text FROM notifications.notifications WHERE status = 'SENDING' AND claimed_by = ?", firstId));
				webhooksAtKill.addAll(strings(
						"SELECT id::text FROM webhooks.deliveries WHERE status = 'SENDING' AND claimed_by = ?", firstId));
				allWebhooksAtKill.addAll(strings("SELECT id::text FROM webhooks.deliveries WHERE status = 'SENDING'"));
			}
		}, () -> {
			// restarted while the survivor serves every retry
			if (killedAt[0] != null && endpoints.size() == 1 && started.size() == 2) {
				ChildInstance restarted = startInstance("first-restarted");
				endpoints.add(restarted);
			}
		});
		assertThat(killedAt[0]).as("killed mid-stream").isNotNull();
		ChildInstance restarted = started.size() > 2 ? started.get(2) : startInstance("first-restarted");

		assertThat(attempts.stream().filter(a -> a.status() == 409))
			.as("no key is refused longer than %s after the kill", KEY_BOUND)
			.allSatisfy(a -> assertThat(a.at()).isBefore(killedAt[0].plus(KEY_BOUND)));
		assertEveryAcknowledgedOrderExistsOnce(keys);
		assertReplaysReturnTheOriginalResponse(keys, restarted);
		Duration recovered = Duration.between(killedAt[0], resubmitted.get(90, TimeUnit.SECONDS));
		assertThat(recovered).as("publications of the killed instance completed after the kill")
			.isLessThanOrEqualTo(PUBLICATION_BOUND);
		awaitNoIncompletePublication();
		long duplicates = assertNotifications(keys, inFlightAtKill[0]);
		// the emails the killed instance was sending: sent again, by another instance, within the bound,
		// with the Message-ID of the first attempt
		assertThat(sendingAtKill).as("emails the killed instance was sending").isNotEmpty();
		Instant lastResent = instant("SELECT max(sent_at) FROM notifications.notifications WHERE id::text = ANY(?)",
				sendingAtKill);
		Duration emailsRecovered = Duration.between(killedAt[0], lastResent);
		assertThat(emailsRecovered).as("emails of the killed instance sent again after the kill")
			.isLessThanOrEqualTo(EMAIL_BOUND);
		assertThat(sendingAtKill).allSatisfy(id -> assertThat(messageIds(id)).as("copies of email %s", id)
			.isNotEmpty()
			.containsOnly("<" + id + "@orderly.local>"));
		report("kill: %d orders, killed after 50; sends in flight at the kill %d (of the killed instance %d, all sent "
				+ "again %d ms after the kill), emails sent twice %d; "
				+ "publications stored before the kill all completed %d ms after it; 409 responses %d; failed attempts %d",
				keys.size(), inFlightAtKill[0], sendingAtKill.size(), emailsRecovered.toMillis(), duplicates,
				recovered.toMillis(),
				attempts.stream().filter(a -> a.status() == 409).count(), attempts.size());
		assertWebhooks(keys, webhooksAtKill, allWebhooksAtKill, killedAt[0], restarted);
		// while both were alive, neither took over (resubmitted) a publication of the other
		assertThat(first.output()).doesNotContain("Resubmitting");
		assertThat(second.output().substring(0, survivorLogAtKill[0])).doesNotContain("Resubmitting");
	}

	@Test
	@Order(2)
	void deliversEveryEmailOnceWhenTheSmtpServerComesBack() throws Exception {
		awaitAllEmailsSettled();
		smtpProxy.close();
		List<String> keys = keys("smtp", 40);
		try {
			placeAll(keys, new Queue(), acked -> {
			}, () -> {
			});
			// every email was attempted at least once, in vain
			waiting("failed attempts while SMTP is down").atMost(Duration.ofSeconds(30))
				.until(() -> count("""
						SELECT count(*) FROM notifications.notifications
						WHERE kind = 'ORDER_PLACED' AND channel = 'EMAIL' AND attempts >= 2
						  AND params->>'orderId' = ANY(?)""", orderIds(keys)) == keys.size());
		}
		finally {
			smtpProxy.open();
		}
		assertEveryAcknowledgedOrderExistsOnce(keys);
		report("smtp: %d orders while SMTP was down, emails sent twice %d", keys.size(), assertNotifications(keys, 0));
	}

	@Test
	@Order(3)
	void answersFast503sWhileTheDatabaseIsDownAndLosesNothingAcknowledged() throws Exception {
		awaitAllEmailsSettled();
		List<String> keys = keys("database", 60);
		Queue attempts = new Queue();
		Instant[] outage = new Instant[2];
		Map<String, Integer> liveness = new HashMap<>();
		placeAll(keys, attempts, acked -> {
			if (acked == 15) {
				databaseProxy.close();
				outage[0] = Instant.now();
				// three seconds of failures under load, then the database is back
				waiting("outage").pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
				for (ChildInstance instance : endpoints) {
					liveness.put(instance.name, status(instance, "/actuator/health/liveness"));
				}
				databaseProxy.open();
				outage[1] = Instant.now();
			}
		}, () -> {
		});
		assertThat(outage[1]).as("the database was down mid-stream").isNotNull();
		assertThat(liveness.values()).as("liveness during the outage").containsOnly(200);
		List<Attempt> failed = attempts.stream().filter(a -> a.status() != 201).toList();
		// 503 while the database is away; 409 only while a cut connection's transaction is being aborted
		assertThat(failed).as("failures during the outage").isNotEmpty()
			.allSatisfy(a -> assertThat(a.status()).as("status of %s", a).isIn(503, 409))
			.filteredOn(a -> a.status() == 409)
			.allSatisfy(a -> assertThat(a.at()).isBefore(outage[1].plus(KEY_BOUND)));
		assertThat(percentile95(failed)).as("p95 of the 503s, ms").isLessThanOrEqualTo(3000);
		assertEveryAcknowledgedOrderExistsOnce(keys);
		assertReplaysReturnTheOriginalResponse(keys, endpoints.get(0));
		awaitNoIncompletePublication();
		// a send in flight when the database went away may be repeated: at most one per sender and instance
		long duplicates = assertNotifications(keys, endpoints.size() * SENDERS);
		// delivery resumed at once, and every email recorded before the database came back (those in
		// flight at the outage included) was sent within the bound
		Instant firstAfter = instant("SELECT min(sent_at) FROM notifications.notifications WHERE sent_at > ?",
				Timestamp.from(outage[1]));
		Instant lastOfBefore = instant(
				"SELECT max(sent_at) FROM notifications.notifications WHERE channel = 'EMAIL' AND created_at < ?",
				Timestamp.from(outage[1]));
		assertThat(Duration.between(outage[1], firstAfter)).as("first email after the database came back")
			.isLessThanOrEqualTo(EMAIL_BOUND);
		assertThat(Duration.between(outage[1], lastOfBefore)).as("emails recorded before it came back, all sent")
			.isLessThanOrEqualTo(EMAIL_BOUND);
		report("database: %d orders, outage %d ms; failed attempts %d (503: %d, 409: %d), p95 %d ms, max %d ms; "
				+ "first email %d ms after the database came back, the last recorded before it %d ms after; "
				+ "emails sent twice %d", keys.size(), Duration.between(outage[0], outage[1]).toMillis(), failed.size(),
				failed.stream().filter(a -> a.status() == 503).count(), failed.stream().filter(a -> a.status() == 409).count(),
				percentile95(failed), failed.stream().mapToLong(Attempt::millis).max().orElse(0),
				Duration.between(outage[1], firstAfter).toMillis(),
				Math.max(0, Duration.between(outage[1], lastOfBefore).toMillis()), duplicates);
	}

	// --- load ---------------------------------------------------------------------------------

	/** A thread-safe record of every failed attempt. */
	static final class Queue extends ConcurrentLinkedQueue<Attempt> {
	}

	List<String> keys(String phase, int count) {
		return IntStream.range(0, count).mapToObj(i -> phase + "-" + i + "-" + UUID.randomUUID()).toList();
	}

	Customer customerOf(String key) {
		return customers.get(Math.floorMod(key.hashCode(), customers.size()));
	}

	/**
	 * Places one order per key at {@link #CONCURRENCY}; each client retries its key on the next
	 * endpoint until it is acknowledged (bounded). {@code onAck} sees the running count of
	 * acknowledgements (on the client thread); {@code meanwhile} runs on this thread while waiting.
	 */
	void placeAll(List<String> keys, Queue attempts, IntConsumer onAck, Runnable meanwhile) throws Exception {
		AtomicInteger acks = new AtomicInteger();
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY)) {
			List<Future<?>> done = new ArrayList<>();
			for (String key : keys) {
				done.add(clients.submit(() -> {
					Ack ack = placeUntilAcknowledged(key, next, attempts);
					acknowledged.put(key, ack);
					onAck.accept(acks.incrementAndGet());
				}));
			}
			waiting("orders acknowledged").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
				.until(() -> {
					meanwhile.run();
					return done.stream().allMatch(Future::isDone);
				});
			for (Future<?> future : done) {
				future.get(1, TimeUnit.SECONDS);
			}
		}
	}

	Ack placeUntilAcknowledged(String key, AtomicInteger next, Queue attempts) {
		Customer customer = customerOf(key);
		String body = "{\"items\":[{\"sku\":\"%s\",\"quantity\":%d}],\"shippingAddress\":{\"name\":\"Crash\",\"line1\":\"1 Main St\",\"city\":\"Berlin\",\"country\":\"DE\"}}"
			.formatted(sku, 1 + Math.floorMod(key.hashCode(), 3));
		Ack[] ack = new Ack[1];
		waiting("acknowledgement of " + key).atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100)).until(() -> {
				List<ChildInstance> now = List.copyOf(endpoints);
				ChildInstance target = now.get(Math.floorMod(next.getAndIncrement(), now.size()));
				Instant at = Instant.now();
				long started = System.nanoTime();
				int status;
				String response = "";
				try {
					HttpResponse<String> result = target.send("POST", "/api/v1/orders", customer.token(), body, key);
					status = result.statusCode();
					response = result.body();
				}
				catch (IOException ex) {
					status = -1;
				}
				long millis = (System.nanoTime() - started) / 1_000_000;
				if (status == 201) {
					ack[0] = new Ack(key, UUID.fromString(json.readTree(response).at("/data/id").asString()), status,
							response);
					return true;
				}
				attempts.add(new Attempt(key, at, millis, status, status > 0 ? code(response) : "connection"));
				return false;
			});
		return ack[0];
	}

	// --- assertions ---------------------------------------------------------------------------

	void assertEveryAcknowledgedOrderExistsOnce(List<String> keys) throws SQLException {
		List<UUID> ids = keys.stream().map(key -> acknowledged.get(key).orderId()).toList();
		assertThat(ids).as("one order per key").doesNotHaveDuplicates().hasSize(keys.size());
		assertThat(count("SELECT count(*) FROM orders.orders WHERE id::text = ANY(?)", ids.stream().map(UUID::toString).toList()))
			.as("acknowledged orders in the database").isEqualTo(keys.size());
		assertThat(count("SELECT count(*) FROM orders.orders")).as("no order beyond the acknowledged ones")
			.isEqualTo(acknowledged.size());
	}

	/**
	 * Every acknowledged order's {@code order.placed} reached the receiver, signed and of its schema, each
	 * copy with the same {@code webhook-id}; more than once only a delivery in flight at the kill (one
	 * more copy) or one whose outcome an instance could not record (one more per
	 * {@code webhook.outcome_not_recorded} in its log: the survivor's connection pool runs dry under the
	 * whole load); the killed instance's resent within {@link #WEBHOOK_BOUND} of the kill. Then the
	 * endpoint is deleted: the later phases test other faults.
	 */
	void assertWebhooks(List<String> keys, List<String> inFlightAtKill, List<String> allInFlightAtKill,
			Instant killedAt, ChildInstance instance) throws Exception {
		long began = System.nanoTime();
		List<String> ids = orderIds(keys);
		waiting("every webhook delivered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
			.until(() -> count("SELECT count(*) FROM webhooks.deliveries WHERE status <> 'DELIVERED'") == 0
					&& count("SELECT count(*) FROM webhooks.deliveries") == acknowledged.size());
		Map<String, List<TestReceiver.Received>> byOrder = receiver.at(WEBHOOK_PATH).stream()
			.collect(Collectors.groupingBy(request -> json.readTree(request.body()).at("/data/orderId").asString()));
		assertThat(byOrder.keySet()).as("orders whose order.placed arrived").containsExactlyInAnyOrderElementsOf(ids);
		Map<String, Long> mayRepeat = new HashMap<>();
		allInFlightAtKill.forEach(id -> mayRepeat.merge("msg_" + id.replace("-", ""), 1L, Long::sum));
		for (ChildInstance child : started) {
			OUTCOME_NOT_RECORDED.matcher(child.output()).results()
				.forEach(match -> mayRepeat.merge(match.group(1), 1L, Long::sum));
		}
		long requests = 0;
		for (String order : ids) {
			List<TestReceiver.Received> copies = byOrder.get(order);
			requests += copies.size();
			String webhookId = copies.get(0).header("webhook-id");
			assertThat(copies).as("copies of order %s's webhook", order)
				.allSatisfy(copy -> {
					assertThat(copy.header("webhook-id")).isEqualTo(webhookId);
					assertThat(StandardWebhooksVerifier.verifies(copy.header("webhook-signature"), webhookSecret,
							webhookId, copy.header("webhook-timestamp"), copy.body())).as("signature").isTrue();
					assertThat(WebhookPayloadSchemas.violations(copy.body(), copy.headers())).isEmpty();
				});
			assertThat((long) copies.size()).as("copies of %s (in flight at the kill, or its outcome not recorded)",
					webhookId).isLessThanOrEqualTo(1 + mayRepeat.getOrDefault(webhookId, 0L));
		}
		assertThat(inFlightAtKill).as("webhooks the killed instance was sending").isNotEmpty();
		Instant lastResent = instant("SELECT max(delivered_at) FROM webhooks.deliveries WHERE id::text = ANY(?)",
				inFlightAtKill);
		Duration resent = Duration.between(killedAt, lastResent);
		assertThat(resent).as("webhooks of the killed instance sent again after the kill").isLessThanOrEqualTo(WEBHOOK_BOUND);
		report("webhooks: %d orders, %d requests received (%d duplicates); in flight at the kill %d (on the killed "
				+ "instance %d, all delivered %d ms after the kill); outcomes not recorded %d; these checks took %d ms",
				ids.size(), requests, requests - ids.size(), allInFlightAtKill.size(), inFlightAtKill.size(),
				resent.toMillis(), mayRepeat.values().stream().mapToLong(Long::longValue).sum() - allInFlightAtKill.size(),
				(System.nanoTime() - began) / 1_000_000);
		String admin = instance.login("admin@crash.test", adminPassword);
		assertThat(instance.send("DELETE", "/api/v1/webhook-endpoints/" + webhookEndpoint, admin, null, null).statusCode())
			.isEqualTo(204);
	}

	void assertReplaysReturnTheOriginalResponse(List<String> keys, ChildInstance instance) throws Exception {
		for (String key : keys) {
			Ack ack = acknowledged.get(key);
			Customer customer = customerOf(key);
			String body = "{\"items\":[{\"sku\":\"%s\",\"quantity\":%d}],\"shippingAddress\":{\"name\":\"Crash\",\"line1\":\"1 Main St\",\"city\":\"Berlin\",\"country\":\"DE\"}}"
				.formatted(sku, 1 + Math.floorMod(key.hashCode(), 3));
			HttpResponse<String> replay = instance.send("POST", "/api/v1/orders", customer.token(), body, key);
			assertThat(replay.statusCode()).isEqualTo(ack.status());
			assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
			assertThat(replay.body()).isEqualTo(ack.body());
		}
	}

	Instant awaitNoIncompletePublication() {
		waiting("no incomplete event publication").atMost(PUBLICATION_BOUND.plusSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("SELECT count(*) FROM event_publication") == 0);
		return Instant.now();
	}

	void awaitAllEmailsSettled() {
		waiting("every email settled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
			.until(() -> count("""
					SELECT count(*) FROM notifications.notifications
					WHERE channel = 'EMAIL' AND status NOT IN ('SENT', 'SKIPPED')""") == 0);
	}

	/**
	 * Each order has one in-app notification, and its email was received at least once and at most
	 * once more per send in flight at the fault.
	 */
	long assertNotifications(List<String> keys, int inFlightAtFault) throws SQLException {
		List<String> ids = orderIds(keys);
		waiting("in-app notifications").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
			.until(() -> count("""
					SELECT count(*) FROM notifications.notifications
					WHERE kind = 'ORDER_PLACED' AND channel = 'IN_APP' AND params->>'orderId' = ANY(?)""", ids) == ids.size());
		waiting("emails received").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
			.until(() -> receivedOrderEmails().keySet().containsAll(ids));
		awaitAllEmailsSettled();
		Map<String, Long> received = receivedOrderEmails();
		long copies = ids.stream().mapToLong(received::get).sum();
		assertThat(ids).allSatisfy(id -> assertThat(received.get(id)).as("emails for order %s", id).isBetween(1L, 2L));
		assertThat(copies - ids.size()).as("emails sent twice").isLessThanOrEqualTo(inFlightAtFault);
		// a resent email is the same message: one Message-ID for every copy of an order's email
		Map<String, Set<String>> messageIds = Arrays.stream(smtp.getReceivedMessages())
			.filter(message -> ORDER_SUBJECT.matcher(subject(message)).matches())
			.collect(Collectors.groupingBy(message -> ORDER_SUBJECT.matcher(subject(message)).replaceAll("$1"),
					Collectors.mapping(CrashSafetyTests::messageId, Collectors.toSet())));
		assertThat(ids).allSatisfy(id -> assertThat(messageIds.get(id)).as("Message-IDs of order %s's email", id).hasSize(1));
		return copies - ids.size();
	}

	private static final Logger log = LoggerFactory.getLogger(CrashSafetyTests.class);

	/** The figures of a run, in the test's log (target/surefire-reports/*-output.txt). */
	static void report(String format, Object... arguments) {
		log.info("[crash-safety] {}", format.formatted(arguments));
	}

	Map<String, Long> receivedOrderEmails() {
		return Arrays.stream(smtp.getReceivedMessages()).map(CrashSafetyTests::subject)
			.map(ORDER_SUBJECT::matcher)
			.filter(Matcher::matches)
			.collect(Collectors.groupingBy(matcher -> matcher.group(1), Collectors.counting()));
	}

	List<String> orderIds(List<String> keys) {
		return keys.stream().map(key -> acknowledged.get(key).orderId().toString()).toList();
	}

	static long percentile95(Collection<Attempt> attempts) {
		List<Long> sorted = attempts.stream().map(Attempt::millis).sorted().toList();
		return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
	}

	// --- plumbing -----------------------------------------------------------------------------

	/**
	 * Awaitility, minus its default of failing on any uncaught exception of any thread: the SMTP
	 * server's threads throw when a killed instance cuts a connection mid-message, as they should.
	 */
	static ConditionFactory waiting(String alias) {
		return await(alias).dontCatchUncaughtExceptions();
	}

	ChildInstance startInstance(String name) {
		SecondInstance.Database viaProxy = new SecondInstance.Database(database.url(), database.username(),
				database.password()).via("127.0.0.1", databaseProxy.getBindAddress().getPort());
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", viaProxy.url());
		properties.put("spring.datasource.username", viaProxy.username());
		properties.put("spring.datasource.password", Optional.ofNullable(viaProxy.password()).orElse(""));
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", String.valueOf(smtpProxy.getBindAddress().getPort()));
		properties.put("spring.mail.properties.mail.smtp.connectiontimeout", "2000");
		properties.put("spring.mail.properties.mail.smtp.timeout", "2000");
		properties.put("spring.mail.properties.mail.smtp.writetimeout", "2000");
		properties.put("orderly.auth.signing-keys", TestTokens.privateKeyPem(signingKeys));
		properties.put("orderly.users.admin.email", "admin@crash.test");
		properties.put("orderly.users.admin.password", adminPassword);
		properties.put("orderly.users.password-hashing.memory-kib", "1024");
		properties.put("orderly.users.password-hashing.iterations", "1");
		properties.put("orderly.rate-limit.enabled", "false");
		properties.put("orderly.notifications.dispatch.interval", "200ms");
		properties.put("orderly.notifications.dispatch.backoff-base", "200ms");
		properties.put("orderly.notifications.dispatch.backoff-max", "1s");
		properties.put("orderly.notifications.dispatch.max-attempts", "100");
		properties.put("orderly.notifications.dispatch.senders", String.valueOf(SENDERS));
		properties.put("orderly.events.resubmission.interval", "1s");
		properties.put("orderly.events.resubmission.older-than", "5s");
		properties.put("logging.structured.format.console", "");
		// ORDERLY_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true: the receiver is on loopback
		properties.put("orderly.webhooks.allow-private-targets", "true");
		properties.put("orderly.webhooks.dispatch.interval", "200ms");
		ChildInstance instance = ChildInstance.start(name, properties);
		started.add(instance);
		return instance;
	}

	Customer register(ChildInstance instance, String email) throws Exception {
		String password = "Pw-" + UUID.randomUUID();
		HttpResponse<String> response = instance.send("POST", "/api/v1/users", null,
				json.writeValueAsString(Map.of("email", email, "password", password, "displayName", "Crash")), null);
		// registration answers 202 without an id (it never reveals whether the address existed): the id is /users/me's
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String token = instance.login(email, password);
		HttpResponse<String> me = instance.send("GET", "/api/v1/users/me", token, null, null);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		UUID id = UUID.fromString(json.readTree(me.body()).at("/data/id").asString());
		return new Customer(id, email, token);
	}

	int status(ChildInstance instance, String path) {
		try {
			return instance.send("GET", path, null, null, null).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	String code(String body) {
		try {
			JsonNode node = json.readTree(body);
			return node.at("/error/code").asString();
		}
		catch (RuntimeException ex) {
			return "unreadable";
		}
	}

	long count(String sql, Object... parameters) {
		return database.count(sql, parameters);
	}

	List<String> strings(String sql, Object... parameters) {
		return query(sql, parameters, rs -> rs.getString(1));
	}

	Instant instant(String sql, Object... parameters) {
		List<Timestamp> values = query(sql, parameters, rs -> rs.getTimestamp(1));
		assertThat(values).as(sql).hasSize(1).doesNotContainNull();
		return values.get(0).toInstant();
	}

	interface Column<T> {

		T read(ResultSet rs) throws SQLException;
	}

	/** The first column of every row, on a connection of its own; a {@link List} binds as {@code text[]}. */
	<T> List<T> query(String sql, Object[] parameters, Column<T> column) {
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password()); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				if (parameters[i] instanceof List<?> list) {
					statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
				}
				else {
					statement.setObject(i + 1, parameters[i]);
				}
			}
			List<T> values = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					values.add(column.read(rs));
				}
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String instanceId(ChildInstance instance) {
		Matcher matcher = INSTANCE_ID.matcher(instance.output());
		assertThat(matcher.find()).as("the instance id in %s's log", instance.name).isTrue();
		return matcher.group(1);
	}

	/** The Message-IDs of every received copy of the email of notification {@code id}. */
	List<String> messageIds(String id) {
		return Arrays.stream(smtp.getReceivedMessages()).map(CrashSafetyTests::messageId)
			.filter(messageId -> messageId.startsWith("<" + id + "@"))
			.toList();
	}

	static String messageId(MimeMessage message) {
		try {
			return String.valueOf(message.getMessageID());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
