package dev.orderly.hardening;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.platform.events.EventSeal;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.platform.web.UntrustedText;
import dev.orderly.support.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Poison messages cost nothing (issue 32, docs/adr/0034): a notifications instance on a real RabbitMQ
 * gets a stream of messages it must refuse — forged, routed under another type, unreadable — and then
 * a valid event, which is handled no more than a second later than the same event on an idle queue;
 * every refused message is in the dead-letter queue, none waits for a retry.
 */
@HardeningTest
class PoisonMessageTests {

	private static final int POISON = 60;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	@Test
	void aStreamOfPoisonMessagesDoesNotDelayAValidOne() throws Exception {
		TestBroker broker = TestBroker.create();
		String exchange = broker.prefix() + ".events";
		String queue = broker.prefix() + ".notifications";
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		EventSeal seal = new EventSeal(key, json, Clock.systemUTC(), UntrustedText::problem);
		Map<String, String> properties = Map.ofEntries(Map.entry("orderly.modules", "notifications"),
				Map.entry("spring.rabbitmq.host", broker.host()), Map.entry("spring.rabbitmq.port", String.valueOf(broker.port())),
				Map.entry("spring.rabbitmq.username", broker.username()),
				Map.entry("spring.rabbitmq.password", broker.password()),
				Map.entry("spring.rabbitmq.virtual-host", broker.virtualHost()), Map.entry("orderly.split.exchange", exchange),
				Map.entry("orderly.split.notifications-queue", queue),
				Map.entry("orderly.split.jwks-uri", "http://127.0.0.1:9/.well-known/jwks.json"),
				Map.entry("orderly.split.event-key", Base64.getEncoder().encodeToString(key)),
				Map.entry("orderly.rate-limit.enabled", "false"));
		CachingConnectionFactory connections = broker.connectionFactory();
		try (SecondInstance notifications = SecondInstance.start(SecondInstance.Database.of(dataSource), properties)) {
			RabbitTemplate rabbit = new RabbitTemplate(connections);
			JdbcClient jdbc = JdbcClient.create(dataSource);

			Duration idle = handlingTime(rabbit, jdbc, seal, exchange);

			byte[] forged = IntegrationEvents.encode(json, order(UUID.randomUUID()));
			for (int i = 0; i < POISON; i++) {
				MessageProperties headers = new MessageProperties();
				headers.setMessageId("poison-" + i);
				byte[] body = switch (i % 3) {
					case 0 -> forged; // unsigned
					case 1 -> "{\"type\":\"orders.OrderPlaced\",\"version\":1,\"data\":".getBytes(StandardCharsets.UTF_8);
					default -> forged;
				};
				if (i % 3 == 2) { // genuinely sealed, but published under another type's routing key
					EventSeal.Sealed sealed = seal.seal("orders.OrderPlaced", forged);
					headers.setHeader(EventSeal.TIMESTAMP_HEADER, Long.toString(sealed.timestamp()));
					headers.setHeader(EventSeal.SIGNATURE_HEADER, sealed.signature());
					rabbit.send(exchange, "orders.OrderCancelled", new Message(sealed.body(), headers));
				}
				else {
					rabbit.send(exchange, "orders.OrderPlaced", new Message(body, headers));
				}
			}
			Duration afterPoison = handlingTime(rabbit, jdbc, seal, exchange);

			assertThat(afterPoison).as("a valid event after %d poison messages (idle: %s)", POISON, idle)
				.isLessThan(idle.plusSeconds(1));
			RabbitAdmin admin = new RabbitAdmin(connections);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (deadLetters(admin, queue) < POISON && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(deadLetters(admin, queue)).as("every poison message dead-lettered at once").isEqualTo((long) POISON);
			assertThat(admin.getQueueInfo(queue + ".retry").getMessageCount()).as("none waits for a retry").isZero();
		}
		finally {
			connections.destroy();
			broker.deleteAll(queue, queue + ".dlq", queue + ".retry", exchange, exchange + ".unrouted");
		}
	}

	private static long deadLetters(RabbitAdmin admin, String queue) {
		var info = admin.getQueueInfo(queue + ".dlq");
		return info == null ? 0 : info.getMessageCount();
	}

	/** Publishes a valid, sealed OrderPlaced and waits until its notifications are committed. */
	private Duration handlingTime(RabbitTemplate rabbit, JdbcClient jdbc, EventSeal seal, String exchange)
			throws InterruptedException {
		UUID orderId = UUID.randomUUID();
		EventSeal.Sealed sealed = seal.seal("orders.OrderPlaced", IntegrationEvents.encode(json, order(orderId)));
		MessageProperties headers = new MessageProperties();
		headers.setHeader(EventSeal.TIMESTAMP_HEADER, Long.toString(sealed.timestamp()));
		headers.setHeader(EventSeal.SIGNATURE_HEADER, sealed.signature());
		long start = System.nanoTime();
		rabbit.send(exchange, "orders.OrderPlaced", new Message(sealed.body(), headers));
		long deadline = start + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			long rows = jdbc.sql("SELECT count(*) FROM notifications.notifications WHERE params->>'orderId' = :id")
				.param("id", orderId.toString())
				.query(Long.class)
				.single();
			if (rows > 0) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(10);
		}
		throw new AssertionError("order " + orderId + " was not handled within 60 s");
	}

	private static OrderPlaced order(UUID orderId) {
		return new OrderPlaced(orderId, UUID.randomUUID(), List.of(new OrderLine("SKU-1", "Tea", 1, 450, 450)), 450, 0, 450,
				"EUR", Instant.now().minusSeconds(1));
	}
}
