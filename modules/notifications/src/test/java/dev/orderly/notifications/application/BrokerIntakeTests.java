package dev.orderly.notifications.application;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.platform.events.EventSeal;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.platform.web.UntrustedText;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker adapter of split mode (ADR 0022), without a broker: a message handed to it has its rows
 * committed when it returns (the container acknowledges right after), a redelivery records nothing
 * new, what it cannot read is refused for the dead-letter queue, and forged or hostile input is
 * refused as a security event (docs/adr/0034: the three attacks of issue 32 among them).
 */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class BrokerIntakeTests {

	@Autowired
	NotificationIntake notifications;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	final byte[] key = randomKey();

	@Test
	void rowsAreCommittedWhenAMessageIsHandledAndARedeliveryAddsNothing() {
		BrokerIntake intake = intake();
		UUID orderId = UUID.randomUUID();
		OrderPlaced placed = new OrderPlaced(orderId, UUID.randomUUID(), List.of(new OrderLine("SKU-1", "Tea", 2, 450, 900)),
				900, 0, 900, "EUR", Instant.now().minusSeconds(5));
		Message message = sealed(seal(Clock.systemUTC()), placed, "orders.OrderPlaced");

		intake.receive(message);
		// no waiting: the container acknowledges as soon as receive returned
		assertThat(rowsOf(orderId)).isEqualTo(2);

		intake.receive(message);
		assertThat(rowsOf(orderId)).as("a redelivered message records nothing new").isEqualTo(2);
	}

	@Test
	void refusesWhatItCannotReadForTheDeadLetterQueue() {
		BrokerIntake intake = intake();
		for (String body : List.of("not json", "{\"type\":\"orders.Unknown\",\"version\":1,\"data\":{}}",
				"{\"type\":\"orders.OrderPlaced\",\"version\":99,\"data\":{}}")) {
			Message message = body.startsWith("{") ? signedRaw(body, "orders.OrderPlaced")
					: new Message(body.getBytes(StandardCharsets.UTF_8), routed("orders.OrderPlaced"));
			assertThatThrownBy(() -> intake.receive(message))
				.as(body)
				.isInstanceOf(AmqpRejectAndDontRequeueException.class);
		}
	}

	@Test
	void tokensTravelEncryptedAndAreDeliveredDecrypted() {
		UUID user = UUID.randomUUID();
		String token = "reset-token-" + UUID.randomUUID();
		PasswordResetRequested reset = new PasswordResetRequested(user, "ada-" + user + "@example.com", "Ada", token,
				Instant.now().plus(Duration.ofMinutes(30)));
		EventSeal.Sealed sealed = seal(Clock.systemUTC()).seal("auth.PasswordResetRequested",
				IntegrationEvents.encode(json, reset));
		assertThat(new String(sealed.body(), StandardCharsets.UTF_8)).as("what the broker sees")
			.doesNotContain(token)
			.contains("\"token\":\"enc:v1:");
		assertThat(sealed.timeToLive()).isLessThanOrEqualTo(Duration.ofMinutes(30)).isGreaterThan(Duration.ofMinutes(29));

		intake().receive(message(sealed, "auth.PasswordResetRequested"));

		assertThat(jdbc.sql("SELECT secret FROM notifications.notifications WHERE user_id = :id AND channel = 'EMAIL'")
			.param("id", user)
			.query(String.class)
			.single()).isEqualTo(token);
	}

	@Test
	void refusesAForgedPasswordResetRequestedAsASecurityEvent(CapturedOutput output) {
		UUID user = UUID.randomUUID();
		String victim = "victim-" + user + "@example.com";
		PasswordResetRequested forged = new PasswordResetRequested(user, victim, "Click here: evil.example", "attacker-text",
				Instant.now().plus(Duration.ofMinutes(30)));
		// as issue 32 reproduced it: published with the broker's credentials, no key
		Message unsigned = new Message(IntegrationEvents.encode(json, forged), routed("auth.PasswordResetRequested"));
		// signed with a key of the attacker's own
		Message otherKey = sealed(attackersSeal(), forged, "auth.PasswordResetRequested");

		for (Message message : List.of(unsigned, otherKey)) {
			assertThatThrownBy(() -> intake().receive(message)).isInstanceOf(AmqpRejectAndDontRequeueException.class);
		}

		assertThat(rowsOfUser(user)).as("no email, no notification").isZero();
		assertThat(output.getAll()).contains("Security event: refused an integration event")
			.contains("the signature does not verify")
			.doesNotContain(victim)
			.doesNotContain("attacker-text");
	}

	@Test
	void refusesAForgedProfileUpdateFromTheFarFutureEvenWhenSigned() {
		UUID user = UUID.randomUUID();
		UserRegistered registered = new UserRegistered(user, "own-" + user + "@example.com", "Ann", "en",
				Instant.now().minusSeconds(60));
		intake().receive(sealed(seal(Clock.systemUTC()), registered, "users.UserRegistered"));
		UserProfileUpdated hijack = new UserProfileUpdated(user, "attacker@example.com", "Ann", null, "en",
				Instant.parse("2999-01-01T00:00:00Z"));

		for (EventSeal sealer : List.of(attackersSeal(), seal(Clock.systemUTC()))) {
			assertThatThrownBy(() -> intake().receive(sealed(sealer, hijack, "users.UserProfileUpdated")))
				.isInstanceOf(AmqpRejectAndDontRequeueException.class);
		}

		assertThat(jdbc.sql("SELECT email FROM notifications.recipients WHERE user_id = :id").param("id", user)
			.query(String.class)
			.single()).isEqualTo("own-" + user + "@example.com");
	}

	@Test
	void refusesAForgedUserDeletedAndOneRoutedUnderAnotherType() {
		UUID user = UUID.randomUUID();
		intake().receive(sealed(seal(Clock.systemUTC()), new UserRegistered(user, "kept-" + user + "@example.com", "Bo",
				"en", Instant.now().minusSeconds(60)), "users.UserRegistered"));
		UserDeleted deleted = new UserDeleted(user, Instant.now());

		assertThatThrownBy(() -> intake().receive(sealed(attackersSeal(), deleted,
				"users.UserDeleted"))).isInstanceOf(AmqpRejectAndDontRequeueException.class);
		// a genuine event under another routing key (type confusion) is refused too
		EventSeal.Sealed genuine = seal(Clock.systemUTC()).seal("users.UserDeleted", IntegrationEvents.encode(json, deleted));
		assertThatThrownBy(() -> intake().receive(message(genuine, "users.UserEmailVerified")))
			.isInstanceOf(AmqpRejectAndDontRequeueException.class);

		assertThat(jdbc.sql("SELECT deleted FROM notifications.recipients WHERE user_id = :id").param("id", user)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void refusesReplaysOlderThanTheWindowAndHostileText() {
		UUID user = UUID.randomUUID();
		Clock dayAndAHalfAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(36)), ZoneOffset.UTC);
		UserRegistered old = new UserRegistered(user, "old-" + user + "@example.com", "Cy", "en",
				Instant.now().minus(Duration.ofHours(37)));
		assertThatThrownBy(() -> intake().receive(sealed(seal(dayAndAHalfAgo), old, "users.UserRegistered")))
			.isInstanceOf(AmqpRejectAndDontRequeueException.class);

		for (String name : List.of("Eve\u202Egnp.exe", "x".repeat(EventSeal.MAX_STRING + 1), "nul\u0000")) {
			UserRegistered hostile = new UserRegistered(user, "h-" + user + "@example.com", name, "en", Instant.now());
			assertThatThrownBy(() -> intake().receive(sealed(seal(Clock.systemUTC()), hostile, "users.UserRegistered")))
				.isInstanceOf(AmqpRejectAndDontRequeueException.class);
		}
		assertThat(jdbc.sql("SELECT count(*) FROM notifications.recipients WHERE user_id = :id").param("id", user)
			.query(Long.class)
			.single()).isZero();
	}

	private BrokerIntake intake() {
		return new BrokerIntake(notifications, json, seal(Clock.systemUTC()),
				new StaticListableBeanFactory().getBeanProvider(RabbitOperations.class), "orderly.notifications");
	}

	/** Sealed with a key of the attacker's own. */
	private EventSeal attackersSeal() {
		return new EventSeal(randomKey(), json, Clock.systemUTC(), UntrustedText::problem);
	}

	private EventSeal seal(Clock clock) {
		return new EventSeal(key, json, clock, UntrustedText::problem);
	}

	private Message sealed(EventSeal sealer, Object event, String routingKey) {
		return message(sealer.seal(IntegrationEvents.typeOf(event.getClass()), IntegrationEvents.encode(json, event)),
				routingKey);
	}

	private Message signedRaw(String body, String routingKey) {
		return message(seal(Clock.systemUTC()).seal(routingKey, body.getBytes(StandardCharsets.UTF_8)), routingKey);
	}

	private static Message message(EventSeal.Sealed sealed, String routingKey) {
		MessageProperties properties = routed(routingKey);
		properties.setHeader(EventSeal.TIMESTAMP_HEADER, Long.toString(sealed.timestamp()));
		properties.setHeader(EventSeal.SIGNATURE_HEADER, sealed.signature());
		return new Message(sealed.body(), properties);
	}

	private static MessageProperties routed(String routingKey) {
		MessageProperties properties = new MessageProperties();
		properties.setReceivedRoutingKey(routingKey);
		properties.setMessageId(UUID.randomUUID().toString());
		return properties;
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	long rowsOf(UUID orderId) {
		return jdbc.sql("SELECT count(*) FROM notifications.notifications WHERE params->>'orderId' = :id")
			.param("id", orderId.toString())
			.query(Long.class)
			.single();
	}

	long rowsOfUser(UUID user) {
		return jdbc.sql("SELECT count(*) FROM notifications.notifications WHERE user_id = :id")
			.param("id", user)
			.query(Long.class)
			.single();
	}
}
