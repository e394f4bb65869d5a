package dev.orderly.notifications.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.events.EventSeal;
import dev.orderly.platform.events.IntegrationEvents;

/**
 * The adapter through which the integration events reach notifications from RabbitMQ when it runs as
 * a deployable of its own (split mode, ADR 0022); absent otherwise, when the in-process listeners
 * receive them. It owns the module's durable queue, bound to the exchange for exactly the types of
 * {@link NotificationIntake#EVENT_TYPES}, with a dead-letter queue ({@code <queue>.dlq}) and a retry
 * queue ({@code <queue>.retry}).
 * <p>
 * Every message is opened first ({@link EventSeal}, docs/adr/0034): its routing key must be its type,
 * its signature must verify within the replay window, its data must pass the rules of HTTP input and
 * hold no timestamp from the future, and its tokens arrive encrypted. A message refused there is a
 * security event: logged as such (never its body) and dead-lettered at once. So is a message that
 * cannot be read (unknown type or version, malformed).
 * <p>
 * Each accepted message is handed to {@link NotificationIntake#accept}, the very code the in-process
 * listeners delegate to (idempotent through the dedup keys). It runs synchronously in a transaction of
 * its own, so when it returns the rows are committed; only then does the listener container
 * acknowledge the message (an instance that dies earlier leaves it to be redelivered). Nothing sleeps
 * in the consumer thread: a failure of the database that may pass ({@link TransientDataAccessException},
 * {@link DataAccessResourceFailureException}, {@link CannotCreateTransactionException}) sends the
 * message to the retry queue, whose time to live returns it to the queue {@link #RETRY_DELAY} later,
 * at most {@link #MAX_ATTEMPTS} times; every other failure dead-letters it at once. The dead-letter
 * queue is bounded in length and age.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("orderly.split.enabled")
class BrokerIntake {

	private static final Logger LOG = LoggerFactory.getLogger(BrokerIntake.class);

	/** Security events (refused broker input): one logger, so that they can be routed and alerted on. */
	static final Logger SECURITY = LoggerFactory.getLogger("orderly.security");

	/** How many times a message that met a passing failure is handled before it is dead-lettered. */
	static final int MAX_ATTEMPTS = 5;

	/** How long a message waits in the retry queue. */
	static final Duration RETRY_DELAY = Duration.ofSeconds(2);

	static final int DEAD_LETTER_MAX_LENGTH = 10_000;

	static final Duration DEAD_LETTER_TTL = Duration.ofDays(7);

	/** Attempts so far, on a message sent through the retry queue. */
	static final String ATTEMPTS_HEADER = "x-orderly-attempts";

	/** The routing key it was published with, on a message sent through the retry queue. */
	static final String ROUTING_KEY_HEADER = "x-orderly-routing-key";

	private final NotificationIntake intake;

	private final IntegrationEvents.Reader reader;

	private final EventSeal seal;

	private final RabbitOperations rabbit;

	private final String queue;

	BrokerIntake(NotificationIntake intake, JsonMapper json, EventSeal seal, ObjectProvider<RabbitOperations> rabbit,
			@Value("${orderly.split.notifications-queue}") String queue) {
		this.intake = intake;
		this.reader = IntegrationEvents.reader(json, NotificationIntake.EVENT_TYPES);
		this.seal = seal;
		this.rabbit = rabbit.getIfAvailable();
		this.queue = queue;
	}

	/** The queue, its dead-letter and retry queues, and one binding per consumed event type. */
	@Bean
	Declarables notificationsQueue(@Value("${orderly.split.exchange}") String exchange) {
		String deadLetters = queue + ".dlq";
		List<Declarable> declarables = new ArrayList<>();
		declarables.add(QueueBuilder.durable(deadLetters)
			.maxLength(DEAD_LETTER_MAX_LENGTH)
			.ttl((int) DEAD_LETTER_TTL.toMillis())
			.build());
		declarables.add(QueueBuilder.durable(queue).deadLetterExchange("").deadLetterRoutingKey(deadLetters).build());
		declarables.add(QueueBuilder.durable(queue + ".retry")
			.ttl((int) RETRY_DELAY.toMillis())
			.deadLetterExchange("")
			.deadLetterRoutingKey(queue)
			.build());
		for (String type : reader.types().keySet().stream().sorted().toList()) {
			declarables.add(new Binding(queue, Binding.DestinationType.QUEUE, exchange, type, null));
		}
		return new Declarables(declarables);
	}

	@RabbitListener(id = "notifications-intake", queues = "${orderly.split.notifications-queue}")
	void receive(Message message) {
		MessageProperties properties = message.getMessageProperties();
		String routingKey = routingKey(properties);
		byte[] body;
		try {
			body = seal.open(routingKey, message.getBody(), properties.getHeader(EventSeal.TIMESTAMP_HEADER),
					properties.getHeader(EventSeal.SIGNATURE_HEADER));
		}
		catch (EventSeal.Refused refused) {
			SECURITY.warn("Security event: refused an integration event (message id {}, routing key {}, broker user {}): {}",
					printable(properties.getMessageId()), printable(routingKey), printable(properties.getReceivedUserId()),
					refused.getMessage());
			throw new AmqpRejectAndDontRequeueException("Refused integration event");
		}
		Object event;
		try {
			event = reader.read(body);
		}
		catch (IllegalArgumentException ex) {
			LOG.warn("Dead-lettering an unreadable message {}: {}", printable(properties.getMessageId()), ex.getMessage());
			throw new AmqpRejectAndDontRequeueException("Unreadable integration event", ex);
		}
		boolean accepted;
		try {
			accepted = intake.accept(event);
		}
		catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException ex) {
			retryLater(message, routingKey, ex);
			return;
		}
		if (!accepted) {
			throw new AmqpRejectAndDontRequeueException("Not consumed by notifications: " + event.getClass().getName());
		}
	}

	/** The key it was published with, also when it comes back from the retry queue. */
	private String routingKey(MessageProperties properties) {
		Object original = properties.getHeader(ROUTING_KEY_HEADER);
		if (queue.equals(properties.getReceivedRoutingKey()) && original instanceof String key) {
			return key;
		}
		return properties.getReceivedRoutingKey();
	}

	/** Through the retry queue, unchanged but for the attempt count; dead-lettered after the last. */
	private void retryLater(Message message, String routingKey, RuntimeException failure) {
		MessageProperties properties = message.getMessageProperties();
		Object previous = properties.getHeader(ATTEMPTS_HEADER);
		int attempts = (previous instanceof Number number ? number.intValue() : 0) + 1;
		if (attempts >= MAX_ATTEMPTS || rabbit == null) {
			LOG.warn("Dead-lettering message {} after {} attempt(s): {}", printable(properties.getMessageId()), attempts,
					failure.toString());
			throw new AmqpRejectAndDontRequeueException("Failed " + attempts + " times", failure);
		}
		LOG.info("Message {} met a passing failure (attempt {} of {}), retried in {}: {}",
				printable(properties.getMessageId()), attempts, MAX_ATTEMPTS, RETRY_DELAY, failure.toString());
		properties.setHeader(ATTEMPTS_HEADER, attempts);
		properties.setHeader(ROUTING_KEY_HEADER, routingKey);
		rabbit.send("", queue + ".retry", message);
	}

	/** For a log line: what a publisher wrote, without line breaks or other control characters. */
	static String printable(String value) {
		if (value == null) {
			return null;
		}
		String cut = value.length() > 200 ? value.substring(0, 200) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}
}
