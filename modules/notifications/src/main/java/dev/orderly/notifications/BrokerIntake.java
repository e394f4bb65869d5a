package dev.orderly.notifications;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.AopProxyUtils;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.events.IntegrationEvents;

/**
 * The adapter through which the integration events reach notifications from RabbitMQ when it runs as
 * a deployable of its own (split mode, ADR 0022); absent otherwise, when the in-process listeners
 * receive them. It owns the module's durable queue, bound to the exchange for exactly the types of
 * {@link NotificationIntake#EVENT_TYPES}, with a dead-letter queue ({@code <queue>.dlq}).
 * <p>
 * Each message is handed to a {@link NotificationIntake}, in a transaction of this class, with the
 * listeners' code (idempotent through the dedup keys); the listener container acknowledges the
 * message only after that returned, i.e. after the rows committed. The intake used here calls the
 * listeners' plain object, not the Spring bean: the bean's methods are
 * {@code @ApplicationModuleListener}s, i.e. {@code @Async} with a transaction of their own, so a call
 * through it would return before anything is written (and the message would be acknowledged before
 * its rows exist, lost if the instance died then). A failure is retried in place
 * a few times ({@code spring.rabbitmq.listener.simple.retry}), then the message is dead-lettered; a
 * message that cannot be read (unknown type or version, malformed) is dead-lettered at once. An
 * instance that dies before the ack leaves the message to be redelivered.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("orderly.split.enabled")
class BrokerIntake {

	private static final Logger LOG = LoggerFactory.getLogger(BrokerIntake.class);

	private final NotificationIntake intake;

	private final TransactionTemplate transactions;

	private final IntegrationEvents.Reader reader;

	BrokerIntake(NotificationListeners listeners, PlatformTransactionManager transactionManager, JsonMapper json) {
		// the listeners' own object: synchronous, in the transaction below (see the class comment)
		Object target = AopProxyUtils.getSingletonTarget(listeners);
		this.intake = new NotificationIntake(target instanceof NotificationListeners plain ? plain : listeners);
		this.transactions = new TransactionTemplate(transactionManager);
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
		if (!Boolean.TRUE.equals(transactions.execute(status -> intake.accept(event)))) {
			throw new AmqpRejectAndDontRequeueException("Not consumed by notifications: " + event.getClass().getName());
		}
	}
}
