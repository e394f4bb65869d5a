package dev.orderly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.orderly.support.RepositoryFiles;

/**
 * The broker users of the split deployables, provisioned by the shipped {@code deploy/rabbitmq/provision.sh}
 * (as docker-compose.yml's rabbitmq container runs it) on the local RabbitMQ, in a virtual host and with
 * users named for this run (deleted afterwards): each declares what its instances declare, the API user
 * publishes and cannot consume, the notifications user consumes and cannot publish to the exchange
 * (docs/adr/0034, 0038). Needs {@code rabbitmqctl} on this machine (the broker's node); the management
 * plugin is not enabled here.
 */
class BrokerUsersTests {

	private static final String RUN = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private static final String VHOST = "orderly-test-" + RUN;

	private static final String API_USER = "orderly-test-api-" + RUN;

	private static final String NOTIFICATIONS_USER = "orderly-test-notifications-" + RUN;

	private static final String API_PASSWORD = UUID.randomUUID().toString();

	private static final String NOTIFICATIONS_PASSWORD = UUID.randomUUID().toString();

	private static final String EXCHANGE = "orderly.events";

	private static final String QUEUE = "orderly.notifications";

	private static final String TYPE = "orders.OrderPlaced";

	private CachingConnectionFactory api;

	private CachingConnectionFactory notifications;

	@BeforeAll
	static void provision() throws Exception {
		ProcessBuilder provision = new ProcessBuilder("sh",
				RepositoryFiles.root().resolve("deploy/rabbitmq/provision.sh").toString()).redirectErrorStream(true);
		provision.environment()
			.putAll(Map.of("ORDERLY_RABBITMQ_VHOST", VHOST, "ORDERLY_RABBITMQ_API_USERNAME", API_USER,
					"ORDERLY_RABBITMQ_API_PASSWORD", API_PASSWORD, "ORDERLY_RABBITMQ_NOTIFICATIONS_USERNAME",
					NOTIFICATIONS_USER, "ORDERLY_RABBITMQ_NOTIFICATIONS_PASSWORD", NOTIFICATIONS_PASSWORD));
		String output = run(provision);
		assertThat(output).as("provision.sh never prints a password").doesNotContain(API_PASSWORD, NOTIFICATIONS_PASSWORD);
	}

	/** Three rabbitmqctl calls side by side: each boots an Erlang VM (seconds on a loaded machine). */
	@AfterAll
	static void deleteVirtualHostAndUsers() throws Exception {
		List<Process> deletions = new ArrayList<>();
		for (List<String> command : List.of(List.of("delete_vhost", VHOST), List.of("delete_user", API_USER),
				List.of("delete_user", NOTIFICATIONS_USER))) {
			ProcessBuilder ctl = new ProcessBuilder("rabbitmqctl", "-q");
			ctl.command().addAll(command);
			deletions.add(ctl.redirectErrorStream(true).start());
		}
		for (Process deletion : deletions) {
			assertThat(deletion.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(deletion.exitValue()).as(new String(deletion.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.isZero();
		}
	}

	@BeforeEach
	void connectAndDeclareAsTheInstancesDo() {
		api = connections(API_USER, API_PASSWORD);
		notifications = connections(NOTIFICATIONS_USER, NOTIFICATIONS_PASSWORD);
		SplitModeConfiguration.SplitProperties properties = new SplitModeConfiguration.SplitProperties(EXCHANGE,
				Duration.ofSeconds(10), null, "http://localhost:8080", "orderly-api", null);
		// every split instance declares the exchange, its alternate exchange and the unrouted queue
		List<Declarable> exchange = new SplitModeConfiguration().integrationEventExchange(properties).getDeclarables()
			.stream().map(Declarable.class::cast).toList();
		declare(api, exchange);
		declare(notifications, exchange);
		// notifications: its queue, dead-letter and retry queues, bindings, a revocation queue (BrokerIntake,
		// RemoteRevocationConfiguration)
		Queue revocations = new AnonymousQueue(new Base64UrlNamingStrategy(EXCHANGE + ".revocations."));
		declare(notifications, List.of(QueueBuilder.durable(QUEUE + ".dlq").build(),
				QueueBuilder.durable(QUEUE).deadLetterExchange("").deadLetterRoutingKey(QUEUE + ".dlq").build(),
				QueueBuilder.durable(QUEUE + ".retry").ttl(2000).deadLetterExchange("").deadLetterRoutingKey(QUEUE).build(),
				new Binding(QUEUE, Binding.DestinationType.QUEUE, EXCHANGE, TYPE, null), revocations,
				new Binding(revocations.getName(), Binding.DestinationType.QUEUE, EXCHANGE, "auth.SessionsRevoked", null)));
	}

	@AfterEach
	void close() {
		api.destroy();
		notifications.destroy();
	}

	@Test
	void theApiPublishesWhatNotificationsConsumes() {
		new RabbitTemplate(api).send(EXCHANGE, TYPE, message("placed"));

		Message received = new RabbitTemplate(notifications).receive(QUEUE, 5000);

		assertThat(received).isNotNull();
		assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("placed");
	}

	@Test
	void theApiUserCannotConsumeNorDeclareTheNotificationsQueue() {
		assertThatThrownBy(() -> new RabbitTemplate(api).receive(QUEUE)).hasStackTraceContaining("ACCESS_REFUSED")
			.hasStackTraceContaining("access to queue '" + QUEUE + "'")
			// basic.get
			.hasStackTraceContaining("class-id=60, method-id=70");
		assertThatThrownBy(() -> new RabbitAdmin(api).declareQueue(QueueBuilder.durable(QUEUE + ".mine").build()))
			.hasStackTraceContaining("ACCESS_REFUSED");
	}

	@Test
	void theNotificationsUserCannotPublishToTheExchangeButToItsRetryQueue() throws Exception {
		try (Connection connection = notifications.getRabbitConnectionFactory().newConnection()) {
			Channel toExchange = connection.createChannel();
			toExchange.confirmSelect();
			toExchange.basicPublish(EXCHANGE, TYPE, null, "forged".getBytes(StandardCharsets.UTF_8));
			assertThatThrownBy(() -> toExchange.waitForConfirmsOrDie(5000)).hasStackTraceContaining("ACCESS_REFUSED")
				.hasStackTraceContaining("access to exchange '" + EXCHANGE + "'")
				// basic.publish
				.hasStackTraceContaining("class-id=60, method-id=40");

			Channel toRetry = connection.createChannel();
			toRetry.confirmSelect();
			toRetry.basicPublish("", QUEUE + ".retry", null, "again".getBytes(StandardCharsets.UTF_8));
			toRetry.waitForConfirmsOrDie(5000);
		}
		// what comes back from the retry queue (2 s later) is the retried message, never the forged one
		Message back = new RabbitTemplate(notifications).receive(QUEUE, 10_000);
		assertThat(back).isNotNull();
		assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo("again");
		assertThat(new RabbitTemplate(notifications).receive(QUEUE, 200)).isNull();
	}

	private static Message message(String body) {
		return new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties());
	}

	private static CachingConnectionFactory connections(String user, String password) {
		CachingConnectionFactory connections = new CachingConnectionFactory(
				System.getenv().getOrDefault("ORDERLY_TEST_RABBITMQ_HOST", "127.0.0.1"), 5672);
		connections.setUsername(user);
		connections.setPassword(password);
		connections.setVirtualHost(VHOST);
		return connections;
	}

	private static void declare(CachingConnectionFactory connections, List<Declarable> declarables) {
		RabbitAdmin admin = new RabbitAdmin(connections);
		for (Declarable declarable : declarables) {
			switch (declarable) {
				case Exchange exchange -> admin.declareExchange(exchange);
				case Queue queue -> admin.declareQueue(queue);
				case Binding binding -> admin.declareBinding(binding);
				default -> throw new IllegalArgumentException(declarable.toString());
			}
		}
	}

	private static String run(ProcessBuilder command) throws IOException, InterruptedException {
		Process process;
		try {
			process = command.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("rabbitmqctl (RabbitMQ's CLI, on the broker's node) is needed here: "
					+ command.command().getFirst(), ex);
		}
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("did not finish in 120 s: " + command.command());
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("%s:%n%s", command.command(), output).isZero();
		return output;
	}
}
