package dev.orderly;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.orderly.platform.contract.SessionEndings;
import dev.orderly.platform.events.IntegrationEvents;

/**
 * Revocation on an instance without auth (split mode, the notifications deployable): the contract that
 * publishes an event ending sessions describes it ({@link SessionEndings}, listed in the contract's
 * {@code META-INF/spring.factories}: auth's {@code SessionsRevoked}); each such instance receives every
 * announcement on a queue of its own (exclusive, deleted with the instance: a fan-out, not the work
 * queue of the notifications intake) and refuses access tokens naming those sessions ({@code sid}) for
 * as long as an access token may live — without a database query per request and without reading
 * auth's tables. The composition root names no module's event: it reads the envelopes with the
 * platform's {@link IntegrationEvents} reader (versions and upcasters included). An instance that
 * starts later does not know the sessions that ended before it started (at most one access-token
 * lifetime, 15 minutes by default; docs/adr/0035).
 */
final class RemoteSessionRevocations implements OAuth2TokenValidator<Jwt> {

	private static final Logger LOG = LoggerFactory.getLogger(RemoteSessionRevocations.class);

	private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The access token has been revoked", null);

	private final Map<Class<?>, SessionEndings<?>> endings;

	private final IntegrationEvents.Reader reader;

	private final long keepNanos;

	/** Ended session id → when it may be forgotten ({@link System#nanoTime()}). */
	private final Map<UUID, Long> ended = new ConcurrentHashMap<>();

	RemoteSessionRevocations(JsonMapper json, Duration keep, List<SessionEndings<?>> endings) {
		this.endings = endings.stream()
			.collect(Collectors.toUnmodifiableMap(SessionEndings::eventType, Function.identity()));
		this.reader = IntegrationEvents.reader(json, this.endings.keySet());
		this.keepNanos = keep.toNanos();
	}

	/** The events that end sessions, as the contracts on the class path list them. */
	static List<SessionEndings<?>> listedEndings(ClassLoader classLoader) {
		@SuppressWarnings({ "rawtypes", "unchecked" })
		List<SessionEndings<?>> listed = (List) SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(SessionEndings.class);
		return listed;
	}

	/** The routing keys to bind: the wire types of the events that end sessions. */
	List<String> types() {
		return endings.keySet().stream().map(IntegrationEvents::typeOf).sorted().toList();
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
		Object event;
		try {
			event = reader.read(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			throw new AmqpRejectAndDontRequeueException("Unreadable session revocation", ex);
		}
		SessionEndings<?> ending = endings.get(event.getClass());
		long now = System.nanoTime();
		ended.values().removeIf(until -> until - now <= 0);
		Collection<UUID> sessions = endedSessions(ending, event);
		sessions.forEach(session -> ended.put(session, now + keepNanos));
		LOG.atInfo().setMessage("security.sessions_ended_received")
			.addKeyValue("event", IntegrationEvents.typeOf(event.getClass()))
			.addKeyValue("userId", userId(ending, event))
			.addKeyValue("sessions", sessions.size())
			.log();
	}

	private static <E extends Record> Collection<UUID> endedSessions(SessionEndings<E> ending, Object event) {
		return ending.endedSessions(ending.eventType().cast(event));
	}

	private static <E extends Record> UUID userId(SessionEndings<E> ending, Object event) {
		return ending.userId(ending.eventType().cast(event));
	}
}
