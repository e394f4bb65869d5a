package dev.orderly;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.support.EventExternalizerModuleListener;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.events.EventSeal;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.platform.web.UntrustedText;

/**
 * The wiring of split mode ({@link OrderlyModules}, ADR 0022); none of it exists by default.
 * <ul>
 * <li>Every public event of a module's contract package that another process consumes
 * ({@link ExternalizedEvents}) is externalised
 * with Spring Modulith's externalisation: the {@link EventExternalizerModuleListener} is an
 * {@code @ApplicationModuleListener}, so each event is written to the event publication registry in
 * the transaction of the business change and sent after commit. The transport below mirrors the
 * confirming RabbitMQ transport of {@code spring-modulith-events-amqp} (not served here): it sends
 * with the {@link RabbitTemplate} and completes only when the broker confirmed the message (publisher
 * confirms), so a publication is marked complete only then; a refused send, a nack or no confirm
 * within {@code confirm-timeout} leaves it failed, and the resubmitter (ADR 0017) sends it again.</li>
 * <li>One durable topic exchange, routing key = event type ({@code orders.OrderPlaced}); what no
 * queue is bound for goes to its alternate exchange and the {@code <exchange>.unrouted} queue rather
 * than being dropped.</li>
 * <li>Every event is sealed before it leaves ({@link EventSeal}: tokens encrypted, HMAC-signed), carries
 * an expiration (a token's lifetime at most) and the publishing broker user ({@code user_id}, which
 * RabbitMQ validates); the queue of unrouted events is bounded in length and age (docs/adr/0034).</li>
 * <li>Without auth in this instance, access tokens are validated with auth's JWKS.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("orderly.split.enabled")
@EnableConfigurationProperties(SplitModeConfiguration.SplitProperties.class)
class SplitModeConfiguration {

	/** Header of the schema version (also in the body), for routing and filtering without parsing. */
	static final String VERSION_HEADER = "x-orderly-schema-version";

	/**
	 * Split mode's settings ({@code orderly.split.*}).
	 *
	 * @param exchange the topic exchange of the integration events
	 * @param confirmTimeout how long a send waits for the broker's confirm before it counts as failed
	 * @param jwksUri auth's JWKS, for instances without auth
	 * @param issuer the {@code iss} auth's tokens carry (as {@code orderly.auth.issuer})
	 * @param audience the {@code aud} auth's tokens carry (as {@code orderly.auth.audience})
	 * @param eventKey the secret that signs the integration events and encrypts their tokens, shared by
	 * publishers and consumers only ({@link EventSeal}); required
	 */
	@ConfigurationProperties("orderly.split")
	record SplitProperties(@DefaultValue("orderly.events") String exchange, @DefaultValue("10s") Duration confirmTimeout,
			String jwksUri, @DefaultValue("http://localhost:8080") String issuer,
			@DefaultValue("orderly-api") String audience, String eventKey) {
	}

	/** Limits of the queue of unrouted events: they wait for an operator, not forever, not without end. */
	static final int UNROUTED_MAX_LENGTH = 10_000;

	static final Duration UNROUTED_TTL = Duration.ofDays(1);

	/** Signs and encrypts what is published, checks and decrypts what is consumed (docs/adr/0034). */
	@Bean
	EventSeal integrationEventSeal(SplitProperties properties, JsonMapper json, Clock clock) {
		return EventSeal.fromSetting(properties.eventKey(), json, clock, UntrustedText::problem);
	}

	/** What another process consumes, routed by type ({@link ExternalizedEvents}). */
	@Bean
	EventExternalizationConfiguration eventExternalizationConfiguration(SplitProperties properties) {
		return ExternalizedEvents.configuration(properties.exchange(), SplitModeConfiguration.class.getClassLoader());
	}

	@Bean
	EventExternalizerModuleListener integrationEventExternalizer(EventExternalizationConfiguration configuration,
			RabbitTemplate rabbit, JsonMapper json, SplitProperties properties, EventSeal seal,
			@Value("${spring.rabbitmq.username:}") String brokerUser) {
		return new EventExternalizerModuleListener(configuration, (event, target) -> {
			String type = IntegrationEvents.typeOf(event.getClass());
			EventSeal.Sealed sealed = seal.seal(type, IntegrationEvents.encode(json, event));
			MessageProperties headers = new MessageProperties();
			headers.setHeader(EventSeal.TIMESTAMP_HEADER, Long.toString(sealed.timestamp()));
			headers.setHeader(EventSeal.SIGNATURE_HEADER, sealed.signature());
			// gone from the broker when it is of no use any more (a token's lifetime at most)
			headers.setExpiration(Long.toString(sealed.timeToLive().toMillis()));
			if (!brokerUser.isBlank()) {
				// validated by RabbitMQ against the connection's user: who published it
				headers.setUserId(brokerUser);
			}
			headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
			headers.setContentEncoding("UTF-8");
			headers.setType(type);
			headers.setHeader(VERSION_HEADER, IntegrationEvents.versionOf(event.getClass()));
			headers.setMessageId(UUID.randomUUID().toString());
			CorrelationData correlation = new CorrelationData(headers.getMessageId());
			rabbit.send(target.getTarget(), target.getKey(), new Message(sealed.body(), headers), correlation);
			return correlation.getFuture()
				.orTimeout(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS)
				.thenAccept(confirm -> {
					if (!confirm.ack()) {
						throw new IllegalStateException("RabbitMQ refused " + type + ": " + confirm.reason());
					}
				});
		});
	}

	/**
	 * The exchange, declared by every split-mode instance (whichever starts first), with an
	 * alternate exchange for what no queue is bound for.
	 */
	@Bean
	Declarables integrationEventExchange(SplitProperties properties) {
		String unrouted = properties.exchange() + ".unrouted";
		FanoutExchange alternate = ExchangeBuilder.fanoutExchange(unrouted).durable(true).build();
		Queue unroutedQueue = QueueBuilder.durable(unrouted)
			.maxLength(UNROUTED_MAX_LENGTH)
			.ttl((int) UNROUTED_TTL.toMillis())
			.build();
		TopicExchange events = ExchangeBuilder.topicExchange(properties.exchange())
			.durable(true)
			.alternate(unrouted)
			.build();
		return new Declarables(List.of(alternate, unroutedQueue,
				new Binding(unrouted, Binding.DestinationType.QUEUE, unrouted, "", Map.of()), events));
	}

	/**
	 * Access tokens validated as auth validates them, but with auth's published keys: RS256 only,
	 * keys from the JWKS ({@link RemoteJwks}: cached, refreshed ahead, refetched for an unknown
	 * {@code kid} at most twice per 5 s, the last good keys kept through an outage), {@code exp}, {@code iat},
	 * {@code sub}, {@code jti} and {@code sid} required, {@code iss} and {@code aud} checked, and the
	 * session not announced as ended ({@link RemoteSessionRevocations}, ADR 0035).
	 */
	@Bean
	@ConditionalOnBooleanProperty("orderly.split.remote-auth")
	JwtDecoder jwksJwtDecoder(SplitProperties properties, RemoteSessionRevocations revocations) {
		if (properties.jwksUri() == null || properties.jwksUri().isBlank()) {
			throw new IllegalStateException(
					"orderly.split.jwks-uri (ORDERLY_SPLIT_JWKS_URI) is required on instances without the auth module");
		}
		return jwksJwtDecoder(RemoteJwks.source(properties.jwksUri(), RemoteJwks.Timings.DEFAULT), properties, revocations);
	}

	/** The decoder over a key source: RS256 only, the validators above, then {@code revocations}. */
	static JwtDecoder jwksJwtDecoder(JWKSource<SecurityContext> keys, SplitProperties properties,
			OAuth2TokenValidator<Jwt> revocations) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
		OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(
				new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(properties.audience()),
				required(JwtClaimNames.EXP), required(JwtClaimNames.IAT), required(JwtClaimNames.SUB),
				required(JwtClaimNames.JTI), required("sid"), revocations);
		decoder.setJwtValidator(validator);
		return decoder;
	}

	private static JwtClaimValidator<Object> required(String claim) {
		return new JwtClaimValidator<>(claim, value -> value != null);
	}
}
