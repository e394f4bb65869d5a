package dev.orderly.notifications.application;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.events.IntegrationEvents;

/**
 * The adapter through which the integration events reach notifications from RabbitMQ when it runs as
 * a deployable of its own (split mode, ADR 0022); absent otherwise, when the in-process listeners
 * receive them. It owns the module's durable queue, bound to the exchange for exactly the types of
 * {@link NotificationIntake#EVENT_TYPES}, with a dead-letter queue ({@code <queue>.dlq}).
 * <p>
 * Each message is handed to {@link NotificationIntake#accept}, the very code the in-process listeners
 * delegate to (idempotent through the dedup keys). It runs synchronously in a transaction of its
 * own, so when it returns the rows are committed; only then does the listener container acknowledge
 * the message (an instance that dies earlier leaves it to be redelivered). A failure is retried in place
 * a few times ({@code spring.rabbitmq.listener.simple.retry}), then the message is dead-lettered; a
 * message that cannot be read (unknown type or version, malformed) is dead-lettered at once. An
 * instance that dies before the ack leaves the message to be redelivered.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("orderly.split.enabled")
class BrokerIntake {

	private static final Logger LOG = LoggerFactory.getLogger(BrokerIntake.class);

	private final NotificationIntake intake;

	private final IntegrationEvents.Reader reader;

	BrokerIntake(NotificationIntake intake, JsonMapper json) {
		this.intake = intake;
		this.reader = IntegrationEvents.reader(json, NotificationIntake.EVENT_TYPES);
	}

	/** The queue, its dead-letter queue, and one binding per consumed event type. */
	@Bean
	Declarables notificationsQueue(@Value("${orderly.split.exchange}") String exchange,
			@Value("${orderly.split.notifications-queue}") String queue) {
		String deadLetters = queue + ".dlq";
		List<Declarable> declarables = new ArrayList<>();
		declarables.add(QueueBuilder.durable(deadLetters).build());
		declarables.add(QueueBuilder.durable(queue).deadLetterExchange("").deadLetterRoutingKey(deadLetters).build());
		for (String type : reader.types().keySet().stream().sorted().toList()) {
			declarables.add(new Binding(queue, Binding.DestinationType.QUEUE, exchange, type, null));
		}
		return new Declarables(declarables);
	}

	@RabbitListener(id = "notifications-intake", queues = "${orderly.split.notifications-queue}")
	void receive(Message message) {
		Object event;
		try {
			event = reader.read(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			LOG.warn("Dead-lettering an unreadable message {}: {}", message.getMessageProperties().getMessageId(),
					ex.getMessage());
			throw new AmqpRejectAndDontRequeueException("Unreadable integration event", ex);
		}
		if (!intake.accept(event)) {
			throw new AmqpRejectAndDontRequeueException("Not consumed by notifications: " + event.getClass().getName());
		}
	}
}
