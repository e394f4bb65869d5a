package dev.orderly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.orderly.auth.events.SessionsRevoked;
import dev.orderly.platform.events.IntegrationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Revocation on an instance without auth learns which events end sessions from the contracts on the
 * class path (auth's {@code SessionEndings}, in its {@code META-INF/spring.factories}), not from a name
 * in the composition root (docs/adr/0035); {@code SplitModeTests} shows it across real instances.
 */
class RemoteSessionRevocationsTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final RemoteSessionRevocations revocations = new RemoteSessionRevocations(JSON, Duration.ofHours(1),
			RemoteSessionRevocations.listedEndings(getClass().getClassLoader()));

	@Test
	void bindsToTheEventsTheContractsListAsEndingSessions() {
		assertThat(revocations.types()).containsExactly("auth.SessionsRevoked");
	}

	@Test
	void refusesTheTokensOfTheSessionsAnAnnouncementEnds() {
		UUID ended = UUID.randomUUID();
		UUID other = UUID.randomUUID();

		revocations.receive(message(IntegrationEvents.encode(JSON,
				new SessionsRevoked(UUID.randomUUID(), List.of(ended), Instant.now()))));

		assertThat(revocations.validate(token(ended)).hasErrors()).isTrue();
		assertThat(revocations.validate(token(other)).hasErrors()).isFalse();
	}

	@Test
	void rejectsWhatIsNoAnnouncementWithoutRequeueing() {
		assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class)
			.isThrownBy(() -> revocations.receive(message("{\"type\":\"orders.OrderPlaced\",\"version\":1,\"data\":{}}".getBytes())));
		assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class)
			.isThrownBy(() -> revocations.receive(message("not json".getBytes())));
	}

	private static Message message(byte[] body) {
		return new Message(body, new MessageProperties());
	}

	private static Jwt token(UUID session) {
		return Jwt.withTokenValue("token").header("alg", "RS256").claim("sid", session.toString()).build();
	}
}
