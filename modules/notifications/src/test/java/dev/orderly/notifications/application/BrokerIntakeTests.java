package dev.orderly.notifications.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker adapter of split mode (ADR 0022), without a broker: a message handed to it has its rows
 * committed when it returns (the container acknowledges right after), a redelivery records nothing
 * new, and what it cannot read is refused for the dead-letter queue.
 */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class BrokerIntakeTests {

	@Autowired
	NotificationIntake notifications;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rowsAreCommittedWhenAMessageIsHandledAndARedeliveryAddsNothing() {
		BrokerIntake intake = new BrokerIntake(notifications, json);
		UUID orderId = UUID.randomUUID();
		OrderPlaced placed = new OrderPlaced(orderId, UUID.randomUUID(), List.of(new OrderLine("SKU-1", "Tea", 2, 450, 900)),
				900, 0, 900, "EUR", Instant.parse("2026-11-25T12:00:00Z"));
		Message message = new Message(IntegrationEvents.encode(json, placed), new MessageProperties());

		intake.receive(message);
		// no waiting: the container acknowledges as soon as receive returned
		assertThat(rowsOf(orderId)).isEqualTo(2);

		intake.receive(message);
		assertThat(rowsOf(orderId)).as("a redelivered message records nothing new").isEqualTo(2);
	}

	@Test
	void refusesWhatItCannotReadForTheDeadLetterQueue() {
		BrokerIntake intake = new BrokerIntake(notifications, json);
		for (String body : List.of("not json", "{\"type\":\"orders.Unknown\",\"version\":1,\"data\":{}}",
				"{\"type\":\"orders.OrderPlaced\",\"version\":99,\"data\":{}}")) {
			assertThatThrownBy(() -> intake.receive(new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties())))
				.as(body)
				.isInstanceOf(AmqpRejectAndDontRequeueException.class);
		}
	}

	long rowsOf(UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM notifications.notifications WHERE params->>'orderId' = :id")
			.param("id", orderId.toString())
			.query(Long.class)
			.single();
	}
}
