package dev.orderly.hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.orderly.platform.events.EventSeal;
import dev.orderly.platform.web.UntrustedText;
import dev.orderly.support.OrderlyAppTest;
import dev.orderly.support.RepositoryFiles;
import dev.orderly.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade in split mode (ADR 0022, docs/adr/0031): while producers are upgraded one by one,
 * the current notifications intake ({@code BrokerIntake}, on RabbitMQ, {@link TestBroker}) meets
 * messages of the previous producer release — the golden v1 {@code OrderPlaced} envelope that
 * notifications keeps next to its tests — and of the next one, with properties it does not know. It
 * consumes both, as published, without a dead letter.
 */
@OrderlyAppTest
@TestPropertySource(properties = "orderly.modules=users,auth,orders,notifications")
class RollingUpgradeTests {

	static final TestBroker BROKER = TestBroker.create();

	static final String EXCHANGE = BROKER.prefix() + ".events";

	static final String QUEUE = BROKER.prefix() + ".notifications";

	/** The key every instance of the split deployment shares (ADR 0034); producers seal with it. */
	static final byte[] EVENT_KEY = new SecureRandom().generateSeed(32);

	static final Path GOLDEN = Path.of("modules", "notifications", "src", "test", "resources", "golden",
			"orders.OrderPlaced");

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.host", BROKER::host);
		registry.add("spring.rabbitmq.port", BROKER::port);
		registry.add("spring.rabbitmq.username", BROKER::username);
		registry.add("spring.rabbitmq.password", BROKER::password);
		registry.add("spring.rabbitmq.virtual-host", BROKER::virtualHost);
		registry.add("orderly.split.exchange", () -> EXCHANGE);
		registry.add("orderly.split.notifications-queue", () -> QUEUE);
		registry.add("orderly.split.event-key", () -> Base64.getEncoder().encodeToString(EVENT_KEY));
	}

	@AfterAll
	static void deleteTheRunsNames() {
		BROKER.deleteAll(QUEUE, QUEUE + ".dlq", EXCHANGE, EXCHANGE + ".unrouted");
	}

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theCurrentNotificationsIntakeConsumesWhatThePreviousAndTheNextProducerPublishWithoutADeadLetter()
			throws Exception {
		UUID previous = publish("v1.json");
		UUID next = publish("v1-newer-producer.json");

		await("both orders' notifications").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> rowsOf(previous) > 0 && rowsOf(next) > 0);
		RabbitAdmin admin = new RabbitAdmin(rabbit.getConnectionFactory());
		QueueInformation deadLetters = admin.getQueueInfo(QUEUE + ".dlq");
		assertThat(deadLetters).as("the dead-letter queue exists").isNotNull();
		assertThat(deadLetters.getMessageCount()).as("dead letters").isZero();
	}

	/**
	 * Publishes a golden message as a producer does: its envelope as written, sealed with the
	 * deployment's event key (ADR 0034); returns its order id.
	 */
	private UUID publish(String file) throws Exception {
		byte[] body = Files.readAllBytes(RepositoryFiles.root().resolve(GOLDEN).resolve(file));
		JsonNode envelope = json.readTree(body);
		String type = envelope.path("type").asString();
		EventSeal.Sealed sealed = new EventSeal(EVENT_KEY, json, Clock.systemUTC(), UntrustedText::problem).seal(type, body);
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setType(type);
		properties.setMessageId(UUID.randomUUID().toString());
		properties.setHeader(EventSeal.TIMESTAMP_HEADER, Long.toString(sealed.timestamp()));
		properties.setHeader(EventSeal.SIGNATURE_HEADER, sealed.signature());
		rabbit.send(EXCHANGE, type, new Message(sealed.body(), properties));
		return UUID.fromString(envelope.path("data").path("orderId").asString());
	}

	private long rowsOf(UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM notifications.notifications WHERE params->>'orderId' = :id")
			.param("id", orderId.toString())
			.query(Long.class)
			.single();
	}
}
