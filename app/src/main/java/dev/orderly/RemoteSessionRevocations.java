package dev.orderly;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Revocation on an instance without auth (split mode, the notifications deployable): auth announces
 * every ended session (the integration event {@code auth.SessionsRevoked}); each such instance
 * receives every announcement on a queue of its own (exclusive, deleted with the instance: a
 * fan-out, not the work queue of the notifications intake) and refuses access tokens naming those
 * sessions ({@code sid}) for as long as an access token may live — without a database query per
 * request and without reading auth's tables. The envelope is read as JSON (the composition root
 * names no module type). An instance that starts later does not know the sessions that ended
 * before it started (at most one access-token lifetime, 15 minutes by default; docs/adr/0035).
 */
final class RemoteSessionRevocations implements OAuth2TokenValidator<Jwt> {

	private static final Logger LOG = LoggerFactory.getLogger(RemoteSessionRevocations.class);

	/** The type (and routing key) of the announcements, as auth's contract names it. */
	static final String TYPE = "auth.SessionsRevoked";

	private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The access token has been revoked", null);

	private final JsonMapper json;

	private final long keepNanos;

	/** Ended session id → when it may be forgotten ({@link System#nanoTime()}). */
	private final Map<UUID, Long> ended = new ConcurrentHashMap<>();

	RemoteSessionRevocations(JsonMapper json, Duration keep) {
		this.json = json;
		this.keepNanos = keep.toNanos();
	}

	/** The token's session has not been announced as ended (a map look-up per request). */
	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String sid = jwt.getClaimAsString("sid");
		UUID session;
		try {
			session = sid == null ? null : UUID.fromString(sid);
		}
		catch (IllegalArgumentException ex) {
			return OAuth2TokenValidatorResult.success(); // the claim validators refuse what is malformed
		}
		Long until = session == null ? null : ended.get(session);
		return until != null && until - System.nanoTime() > 0 ? OAuth2TokenValidatorResult.failure(REVOKED)
				: OAuth2TokenValidatorResult.success();
	}

	@RabbitListener(id = "remote-session-revocations", queues = "#{@remoteRevocationQueue.name}")
	void receive(Message message) {
		JsonNode data;
		try {
			JsonNode envelope = json.readTree(message.getBody());
			if (!TYPE.equals(envelope.path("type").asString())) {
				throw new IllegalArgumentException("not " + TYPE);
			}
			data = envelope.path("data");
		}
		catch (RuntimeException ex) {
			throw new AmqpRejectAndDontRequeueException("Unreadable session revocation", ex);
		}
		long now = System.nanoTime();
		ended.values().removeIf(until -> until - now <= 0);
		int sessions = 0;
		for (JsonNode id : data.path("sessionIds")) {
			ended.put(UUID.fromString(id.asString()), now + keepNanos);
			sessions++;
		}
		LOG.atInfo().setMessage("auth.sessions_revoked_received")
			.addKeyValue("userId", data.path("userId").asString())
			.addKeyValue("sessions", sessions)
			.log();
	}
}
