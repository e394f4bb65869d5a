package dev.orderly;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

import dev.orderly.auth.events.SessionsRevoked;
import dev.orderly.platform.events.IntegrationEvents;

/**
 * Revocation on an instance without auth (split mode, the notifications deployable): auth announces
 * every ended session ({@link SessionsRevoked}, an integration event); each such instance receives
 * every announcement on a queue of its own (exclusive, deleted with the instance: a fan-out, not the
 * work queue of the notifications intake) and refuses access tokens naming those sessions for as long
 * as an access token may live — without a database query per request and without reading auth's
 * tables. An instance that starts later does not know the sessions that ended before it started (at
 * most one access-token lifetime, 15 minutes by default; docs/adr/0035).
 */
final class RemoteSessionRevocations {

	private static final Logger LOG = LoggerFactory.getLogger(RemoteSessionRevocations.class);

	/** The routing key of the announcements. */
	static final String TYPE = IntegrationEvents.typeOf(SessionsRevoked.class);

	private final IntegrationEvents.Reader reader;

	private final long keepNanos;

	/** Ended session id → when it may be forgotten ({@link System#nanoTime()}). */
	private final Map<UUID, Long> ended = new ConcurrentHashMap<>();

	RemoteSessionRevocations(JsonMapper json, Duration keep) {
		this.reader = IntegrationEvents.reader(json, List.of(SessionsRevoked.class));
		this.keepNanos = keep.toNanos();
	}

	/** Whether the session ended (a map look-up: this runs for every request with a token). */
	boolean isRevoked(UUID sessionId) {
		Long until = ended.get(sessionId);
		return until != null && until - System.nanoTime() > 0;
	}

	@RabbitListener(id = "remote-session-revocations", queues = "#{@remoteRevocationQueue.name}")
	void receive(Message message) {
		Object event;
		try {
			event = reader.read(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			throw new AmqpRejectAndDontRequeueException("Unreadable session revocation", ex);
		}
		if (event instanceof SessionsRevoked revoked) {
			record(revoked);
		}
	}

	void record(SessionsRevoked revoked) {
		long now = System.nanoTime();
		ended.values().removeIf(until -> until - now <= 0);
		revoked.sessionIds().forEach(id -> ended.put(id, now + keepNanos));
		LOG.atInfo().setMessage("auth.sessions_revoked_received")
			.addKeyValue("userId", revoked.userId())
			.addKeyValue("sessions", revoked.sessionIds().size())
			.log();
	}
}
