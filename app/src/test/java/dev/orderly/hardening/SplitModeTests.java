package dev.orderly.hardening;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
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
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import dev.orderly.platform.test.FreshDatabase;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Split mode for real (ADR 0022): on one fresh database and RabbitMQ ({@link TestBroker}, names
 * unique to the run), three child JVMs ({@link ChildInstance}) — two API instances
 * ({@code orderly.modules=users,auth,orders}) and one notifications instance
 * ({@code orderly.modules=notifications}, tokens validated with the first API instance's JWKS).
 * <ol>
 * <li>Login, JWKS and rate limits behave the same through either API instance; a token of one is
 * accepted by the other and by the notifications instance; each instance serves its modules only.</li>
 * <li>Orders are placed through both API instances; the notifications instance is killed with SIGKILL
 * mid-stream and restarted. Every order's in-app notification exists exactly once and its email was
 * received at least once, at most once more per email in flight at the kill; the queue and its
 * dead-letter queue end empty and no event publication stays incomplete.</li>
 * <li>The broker is unreachable from the API instances (an in-JVM TCP proxy, NetCrusher, closed):
 * orders are still placed, their publications wait in the registry, and once the broker is back
 * they are sent and notified.</li>
 * </ol>
 * Bounded: 3 child JVMs (4 with the restart), 72 orders, a deadline on every wait; every child is
 * killed and the run's exchanges and queues deleted in {@link #stop()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitModeTests {

	/** The integration event key the instances of this run share (docs/adr/0034). */
	static final String EVENT_KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));


	static final int ORDERS = 60;

	static final int CLIENTS = 4;

	final FreshDatabase database = FreshDatabase.create();

	final TestBroker broker = TestBroker.create();

	final String exchange = broker.prefix() + ".events";

	final String queue = broker.prefix() + ".notifications";

	final JsonMapper json = JsonMapper.builder().build();

	final List<ChildInstance> started = new CopyOnWriteArrayList<>();

	final String adminPassword = "Admin-" + UUID.randomUUID();

	final KeyPair signingKeys = TestTokens.newKeyPair();

	GreenMail smtp;

	/** The API instances reach RabbitMQ through this in-JVM TCP proxy, closed for a broker outage. */
	NioReactor reactor;

	TcpCrusher brokerProxy;

	ChildInstance api1;

	ChildInstance api2;

	volatile ChildInstance notifications;

	String sku;

	List<Customer> customers;

	record Customer(UUID id, String email, String token) {
	}

	@BeforeAll
	void start() throws Exception {
		smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		reactor = new NioReactor();
		brokerProxy = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", ChildInstance.freePort())
			.withConnectAddress(broker.host(), broker.port()).buildAndOpen();
		api1 = startInstance("split-api-1", "users,auth,orders");
		// the schema is in place: the other two start side by side
		CompletableFuture<ChildInstance> second = CompletableFuture.supplyAsync(() -> startInstance("split-api-2", "users,auth,orders"));
		try {
			notifications = startInstance("split-notifications", "notifications");
		}
		finally {
			// started or failed either way before stop() looks at what was started
			api2 = second.get(150, TimeUnit.SECONDS);
		}

		String admin = api1.login("admin@split.test", adminPassword);
		sku = "SPLIT-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> product = api2.send("PUT", "/api/v1/products/" + sku, admin,
				"{\"name\":\"Split tea\",\"unitPrice\":450,\"currency\":\"EUR\"}", null);
		assertThat(product.statusCode()).as(product.body()).isEqualTo(201);
		customers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			customers.add(register(i % 2 == 0 ? api1 : api2, "customer-" + i + "-" + UUID.randomUUID() + "@split.test"));
		}
	}

	@AfterAll
	void stop() {
		started.forEach(ChildInstance::close);
		if (smtp != null) {
			smtp.stop();
		}
		if (brokerProxy != null) {
			brokerProxy.close();
		}
		if (reactor != null) {
			reactor.close();
		}
		broker.deleteAll(queue, queue + ".dlq", exchange, exchange + ".unrouted");
	}

	@Test
	@Order(1)
	void loginJwksAndRateLimitsBehaveTheSameThroughEitherApiInstance() throws Exception {
		HttpResponse<String> keys1 = api1.send("GET", "/.well-known/jwks.json", null, null, null);
		HttpResponse<String> keys2 = api2.send("GET", "/.well-known/jwks.json", null, null, null);
		assertThat(keys1.statusCode()).isEqualTo(200);
		assertThat(json.readTree(keys2.body())).isEqualTo(json.readTree(keys1.body()));

		Customer customer = customers.get(0);
		for (ChildInstance instance : List.of(api1, api2)) {
			HttpResponse<String> me = instance.send("GET", "/api/v1/users/me", customer.token(), null, null);
			assertThat(me.statusCode()).as("a token of api-1 on %s", instance.name).isEqualTo(200);
		}
		HttpResponse<String> own = notifications.send("GET", "/api/v1/users/" + customer.id() + "/notifications",
				customer.token(), null, null);
		assertThat(own.statusCode()).as("the notifications instance validates with auth's JWKS: %s", own.body())
			.isEqualTo(200);
		HttpResponse<String> forged = notifications.send("GET", "/api/v1/users/" + customer.id() + "/notifications",
				TestTokens.signedLikeTheApplication(TestTokens.newKeyPair(), "http://localhost:8080", "orderly-api")
					.bearer(customer.id(), "USER"), null, null);
		assertThat(forged.statusCode()).as("a token signed with another key").isEqualTo(401);

		// each instance serves its own modules only
		assertThat(notifications.send("GET", "/api/v1/orders", customer.token(), null, null).statusCode()).isEqualTo(404);
		assertThat(api1.send("GET", "/api/v1/users/" + customer.id() + "/notifications", customer.token(), null, null)
			.statusCode()).isEqualTo(404);

		// failed logins of one account count in one shared bucket, whichever instance they reach
		String target = customers.get(CLIENTS - 1).email();
		List<Integer> statuses = new ArrayList<>();
		List<HttpResponse<String>> attempts = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ChildInstance instance = i % 2 == 0 ? api1 : api2;
			HttpResponse<String> attempt = instance.send("POST", "/api/v1/auth/login", null,
					json.writeValueAsString(Map.of("email", target, "password", "wrong-password")), null);
			statuses.add(attempt.statusCode());
			attempts.add(attempt);
		}
		assertThat(statuses).containsExactly(401, 401, 401, 401, 429, 429);
		HttpResponse<String> refused1 = attempts.get(4);
		HttpResponse<String> refused2 = attempts.get(5);
		assertThat(refused2.headers().allValues("RateLimit-Policy")).isNotEmpty()
			.isEqualTo(refused1.headers().allValues("RateLimit-Policy"));
		assertThat(refused1.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused2.headers().firstValue("Retry-After")).isPresent();

		assertALoggedOutSessionIsRefusedOnEveryInstanceWithinTwoSeconds();
	}

	/**
	 * Revocation on every instance (ADR 0035): logged out through one API instance, the session's
	 * access token is refused by the other and by the notifications instance, which has no access to
	 * auth's tables, within 2 s.
	 */
	void assertALoggedOutSessionIsRefusedOnEveryInstanceWithinTwoSeconds() throws Exception {
		String email = "leaving-" + UUID.randomUUID() + "@split.test";
		String password = "Pw-" + UUID.randomUUID();
		assertThat(api1.send("POST", "/api/v1/users", null,
				json.writeValueAsString(Map.of("email", email, "password", password, "displayName", "Leaving")), null)
			.statusCode()).isEqualTo(202);
		HttpResponse<String> login = api1.send("POST", "/api/v1/auth/login", null,
				json.writeValueAsString(Map.of("email", email, "password", password)), null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		String token = "Bearer " + json.readTree(login.body()).at("/data/accessToken").asString();
		String refreshToken = json.readTree(login.body()).at("/data/refreshToken").asString();
		HttpResponse<String> me = api1.send("GET", "/api/v1/users/me", token, null, null);
		String notificationsPath = "/api/v1/users/" + json.readTree(me.body()).at("/data/id").asString() + "/notifications";
		assertThat(notifications.send("GET", notificationsPath, token, null, null).statusCode())
			.as("before the logout").isEqualTo(200);

		assertThat(api2.send("POST", "/api/v1/auth/logout", null,
				json.writeValueAsString(Map.of("refreshToken", refreshToken)), null).statusCode()).isEqualTo(204);
		long loggedOut = System.nanoTime();
		await("the logged-out token refused by the notifications instance").atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> notifications.send("GET", notificationsPath, token, null, null).statusCode() == 401);
		long millis = (System.nanoTime() - loggedOut) / 1_000_000;
		await("the logged-out token refused by both API instances").atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> api1.send("GET", "/api/v1/users/me", token, null, null).statusCode() == 401
					&& api2.send("GET", "/api/v1/users/me", token, null, null).statusCode() == 401);
		LoggerFactory.getLogger(SplitModeTests.class)
			.info("[split] a logged-out token was refused by the notifications instance {} ms after the logout", millis);
	}

	@Test
	@Order(2)
	void everyOrderIsNotifiedExactlyOnceAcrossAKillOfTheNotificationsInstance() throws Exception {
		Map<Integer, UUID> orders = new ConcurrentHashMap<>();
		AtomicInteger acks = new AtomicInteger();
		int[] inFlightAtKill = new int[1];
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < ORDERS; i++) {
				int n = i;
				done.add(clients.submit(() -> {
					orders.put(n, place(n % 2 == 0 ? api1 : api2, customers.get(n % CLIENTS), n));
					if (acks.incrementAndGet() == ORDERS / 3) {
						inFlightAtKill[0] = (int) count(
								"SELECT count(*) FROM notifications.notifications WHERE status = 'SENDING'");
						notifications.kill();
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		assertThat(notifications.isAlive()).isFalse();
		// events of the orders placed meanwhile wait in the queue
		notifications = startInstance("split-notifications-restarted", "notifications");

		List<String> ids = orders.values().stream().map(UUID::toString).toList();
		assertThat(ids).hasSize(ORDERS).doesNotHaveDuplicates();
		waiting("in-app notifications").atMost(Duration.ofSeconds(90))
			.until(() -> count("""
					SELECT count(*) FROM notifications.notifications
					WHERE kind = 'ORDER_PLACED' AND channel = 'IN_APP' AND params->>'orderId' = ANY(?)""", ids) >= ORDERS);
		waiting("emails received").atMost(Duration.ofSeconds(90))
			.until(() -> receivedOrderEmails().keySet().containsAll(ids));
		waiting("every email settled").atMost(Duration.ofSeconds(60))
			.until(() -> count("""
					SELECT count(*) FROM notifications.notifications
					WHERE channel = 'EMAIL' AND status NOT IN ('SENT', 'SKIPPED')""") == 0);

		assertThat(count("""
				SELECT count(*) FROM notifications.notifications
				WHERE kind = 'ORDER_PLACED' AND channel = 'IN_APP' AND params->>'orderId' = ANY(?)""", ids))
			.as("one in-app notification per order").isEqualTo(ORDERS);
		assertThat(count("""
				SELECT count(*) FROM notifications.notifications
				WHERE kind = 'ORDER_PLACED' AND channel = 'EMAIL' AND params->>'orderId' = ANY(?)""", ids))
			.as("one email notification per order").isEqualTo(ORDERS);
		Map<String, Long> received = receivedOrderEmails();
		assertThat(ids).allSatisfy(id -> assertThat(received.get(id)).as("emails for order %s", id).isBetween(1L, 2L));
		long duplicates = ids.stream().mapToLong(received::get).sum() - ORDERS;
		assertThat(duplicates).as("emails sent twice (in flight at the kill: %d)", inFlightAtKill[0])
			.isLessThanOrEqualTo(inFlightAtKill[0]);

		// the restarted instance serves the notifications, with tokens validated by auth's JWKS
		Customer customer = customers.get(1);
		HttpResponse<String> list = notifications.send("GET", "/api/v1/users/" + customer.id() + "/notifications",
				customer.token(), null, null);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(json.readTree(list.body()).at("/data").size()).isPositive();

		waiting("no incomplete event publication (every message confirmed by the broker)").atMost(Duration.ofSeconds(30))
			.until(() -> count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL") == 0);
		CachingConnectionFactory connections = broker.connectionFactory();
		try {
			RabbitAdmin admin = new RabbitAdmin(connections);
			waiting("the queue drained").atMost(Duration.ofSeconds(30))
				.until(() -> messages(admin, queue) == 0);
			assertThat(messages(admin, queue + ".dlq")).as("dead letters").isZero();
			Properties properties = admin.getQueueProperties(queue);
			assertThat(properties).as("the durable queue of notifications").isNotNull();
		}
		finally {
			connections.destroy();
		}
	}

	@Test
	@Order(3)
	void publicationsWaitWhileTheBrokerIsUnreachableAndAreSentWhenItIsBack() throws Exception {
		String inApp = """
				SELECT count(*) FROM notifications.notifications
				WHERE kind = 'ORDER_PLACED' AND channel = 'IN_APP' AND params->>'orderId' = ANY(?)""";
		brokerProxy.close();
		List<String> ids = new ArrayList<>();
		try {
			for (int n = 0; n < 12; n++) {
				ids.add(place(n % 2 == 0 ? api1 : api2, customers.get(n % CLIENTS), 1000 + n).toString());
			}
			waiting("publications held while the broker is unreachable").atMost(Duration.ofSeconds(30))
				.until(() -> count("""
						SELECT count(*) FROM event_publication
						WHERE completion_date IS NULL AND listener_id LIKE '%EventExternalizerModuleListener%'""") >= ids.size());
			assertThat(count(inApp, ids)).as("nothing reached notifications meanwhile").isZero();
		}
		finally {
			brokerProxy.open();
		}
		waiting("in-app notifications after the outage").atMost(Duration.ofSeconds(90))
			.until(() -> count(inApp, ids) == ids.size());
		waiting("every publication confirmed").atMost(Duration.ofSeconds(30))
			.until(() -> count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL") == 0);
		waiting("emails received").atMost(Duration.ofSeconds(60))
			.until(() -> receivedOrderEmails().keySet().containsAll(ids));
	}

	// --- plumbing -----------------------------------------------------------------------------

	static long messages(RabbitAdmin admin, String name) {
		QueueInformation information = admin.getQueueInfo(name);
		return information == null ? -1 : information.getMessageCount();
	}

	static ConditionFactory waiting(String alias) {
		return await(alias).dontCatchUncaughtExceptions().pollInterval(Duration.ofMillis(250));
	}

	ChildInstance startInstance(String name, String modules) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("orderly.modules", modules);
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password() == null ? "" : database.password());
		boolean api = !modules.contains("notifications");
		properties.put("spring.rabbitmq.host", api ? "127.0.0.1" : broker.host());
		properties.put("spring.rabbitmq.port", String.valueOf(api ? brokerProxy.getBindAddress().getPort() : broker.port()));
		properties.put("spring.rabbitmq.username", broker.username());
		properties.put("spring.rabbitmq.password", broker.password());
		properties.put("spring.rabbitmq.virtual-host", broker.virtualHost());
		properties.put("orderly.split.exchange", exchange);
		properties.put("orderly.split.event-key", EVENT_KEY);
		properties.put("orderly.split.notifications-queue", queue);
		if (!modules.contains("auth")) {
			properties.put("orderly.split.jwks-uri", api1.uri("/.well-known/jwks.json").toString());
		}
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
		properties.put("orderly.auth.signing-keys", TestTokens.privateKeyPem(signingKeys));
		properties.put("orderly.users.admin.email", "admin@split.test");
		properties.put("orderly.users.admin.password", adminPassword);
		properties.put("orderly.users.password-hashing.memory-kib", "1024");
		properties.put("orderly.users.password-hashing.iterations", "1");
		properties.put("orderly.rate-limit.login-account.capacity", "4");
		properties.put("orderly.rate-limit.login-account.window", "1h");
		properties.put("orderly.rate-limit.sync-tolerance", "0");
		properties.put("orderly.notifications.dispatch.interval", "200ms");
		properties.put("orderly.notifications.dispatch.lease", "5s");
		properties.put("orderly.notifications.dispatch.backoff-base", "200ms");
		properties.put("orderly.notifications.dispatch.backoff-max", "1s");
		properties.put("orderly.events.resubmission.interval", "1s");
		properties.put("orderly.events.resubmission.heartbeat-interval", "500ms");
		properties.put("orderly.events.resubmission.instance-lease", "3s");
		properties.put("orderly.events.resubmission.older-than", "5s");
		properties.put("logging.structured.format.console", "");
		ChildInstance instance = ChildInstance.start(name, properties);
		started.add(instance);
		return instance;
	}

	UUID place(ChildInstance instance, Customer customer, int n) throws Exception {
		String body = "{\"items\":[{\"sku\":\"%s\",\"quantity\":%d}],\"shippingAddress\":{\"name\":\"Split\",\"line1\":\"1 Main St\",\"city\":\"Berlin\",\"country\":\"DE\"}}"
			.formatted(sku, 1 + n % 3);
		HttpResponse<String> response = instance.send("POST", "/api/v1/orders", customer.token(), body,
				"split-" + n + "-" + UUID.randomUUID());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return UUID.fromString(json.readTree(response.body()).at("/data/id").asString());
	}

	Customer register(ChildInstance instance, String email) throws Exception {
		String password = "Pw-" + UUID.randomUUID();
		HttpResponse<String> response = instance.send("POST", "/api/v1/users", null,
				json.writeValueAsString(Map.of("email", email, "password", password, "displayName", "Split")), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		// logged in through the other API instance
		String token = (instance == api1 ? api2 : api1).login(email, password);
		HttpResponse<String> me = instance.send("GET", "/api/v1/users/me", token, null, null);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		return new Customer(UUID.fromString(json.readTree(me.body()).at("/data/id").asString()), email, token);
	}

	Map<String, Long> receivedOrderEmails() {
		return Arrays.stream(smtp.getReceivedMessages())
			.map(CrashSafetyTests::subject)
			.map(CrashSafetyTests.ORDER_SUBJECT::matcher)
			.filter(Matcher::matches)
			.collect(Collectors.groupingBy(matcher -> matcher.group(1), Collectors.counting()));
	}

	long count(String sql, Object... parameters) {
		return database.count(sql, parameters);
	}
}
