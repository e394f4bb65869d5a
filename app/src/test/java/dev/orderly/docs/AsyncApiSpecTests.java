package dev.orderly.docs;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import dev.orderly.platform.events.BrokerConsumer;
import dev.orderly.platform.events.EventSeal;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.support.RepositoryFiles;
import dev.orderly.webhooks.domain.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire format of the integration events (ADR 0022) is documented in {@code docs/asyncapi.json},
 * an AsyncAPI 3 document generated here from the event records of the modules' contract packages
 * ({@code dev.orderly.*.events}) that another process consumes ({@link BrokerConsumer}; the others are
 * never published to the broker): one channel (routing key on the topic exchange) and one message per
 * event type, the JSON envelope {@code {type, version, data}} as payload, {@code data} with exactly
 * the record's components, the seal's headers and the encrypted form of the secret fields
 * ({@link EventSeal}, docs/adr/0034). This test fails when the document and the records drift apart; run it
 * with {@code -Dorderly.docs.update=true} (or {@code ORDERLY_DOCS_UPDATE=true}) to rewrite it. It also
 * encodes and seals a sample of every event as the publisher does and checks it against its schema.
 */
class AsyncApiSpecTests {

	static final Path FILE = Path.of("docs", "asyncapi.json");

	static final String EXCHANGE = "orderly.events";

	/** Modules whose contract holds events others publish to them (notifications: AdministratorNoticeRequested). */
	static final Set<String> INBOUND = Set.of("notifications");

	static final String WEBHOOK_PREFIX = "webhooks.";

	static final String WEBHOOK_SERVER = "webhook-receiver";

	final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	@Test
	void keepsDocsAsyncapiJsonInStepWithTheEventRecords() throws IOException {
		String spec = json.writeValueAsString(document()).replace("\r\n", "\n") + "\n";
		Path file = RepositoryFiles.root().resolve(FILE);
		if (update()) {
			Files.writeString(file, spec, StandardCharsets.UTF_8);
			return;
		}
		assertThat(file).as("docs/asyncapi.json is missing: run AsyncApiSpecTests with -Dorderly.docs.update=true")
			.exists();
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as("docs/asyncapi.json is stale: run AsyncApiSpecTests with -Dorderly.docs.update=true and commit it")
			.isEqualTo(spec);
	}

	@Test
	void everyEventHasAMessageWhosePayloadIsWhatThePublisherSends() throws Exception {
		JsonNode spec = json.readTree(RepositoryFiles.root().resolve(FILE).toFile());
		assertThat(spec.path("asyncapi").asString()).startsWith("3.");
		List<Class<?>> events = publishedTypes();
		assertThat(events).extracting(IntegrationEvents::typeOf)
			.contains("users.UserRegistered", "auth.PasswordResetRequested", "orders.OrderPlaced")
			.doesNotContain("users.UserRolesChanged");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		EventSeal seal = new EventSeal(key, JsonMapper.builder().build(), Clock.systemUTC(), text -> null);
		for (Class<?> type : events) {
			String name = IntegrationEvents.typeOf(type);
			JsonNode message = spec.at("/components/messages/" + name);
			assertThat(message.isObject()).as("message of %s", name).isTrue();
			JsonNode data = spec.at("/components/schemas/" + name);
			Set<String> documented = new LinkedHashSet<>(data.path("properties").propertyNames());
			assertThat(documented).as("payload properties of %s", name).containsExactlyInAnyOrderElementsOf(componentNames(type));

			// what goes on the wire (the application's JSON: ISO instants, nulls written), sealed
			EventSeal.Sealed sealed = seal.seal(name,
					IntegrationEvents.encode(JsonMapper.builder().build(), sample(type)));
			JsonNode headers = message.at("/headers/properties");
			assertThat(Long.toString(sealed.timestamp()))
				.matches(headers.at("/" + EventSeal.TIMESTAMP_HEADER + "/pattern").asString());
			assertThat(sealed.signature()).matches(headers.at("/" + EventSeal.SIGNATURE_HEADER + "/pattern").asString());
			JsonNode sent = json.readTree(sealed.body());
			assertThat(sent.path("type").asString()).isEqualTo(name);
			assertThat(sent.path("version").asInt()).isEqualTo(IntegrationEvents.versionOf(type));
			assertThat(new LinkedHashSet<>(sent.path("data").propertyNames())).as("sent properties of %s", name)
				.containsExactlyInAnyOrderElementsOf(documented);
			for (String property : documented) {
				assertMatches(spec, data.at("/properties/" + property), sent.path("data").path(property), name + "." + property);
			}
			assertThat(spec.at("/channels/" + name + "/address").asString()).isEqualTo(name);
		}
		assertThat(spec.path("channels").size()).as("one channel per event and per webhook type, nothing else")
			.isEqualTo(events.size() + webhookTypes().size());
		assertThat(spec.at("/components/schemas/auth.PasswordResetRequested/properties/token/pattern").asString())
			.startsWith("^" + EventSeal.ENCRYPTED_PREFIX);
	}

	@Test
	void everyWebhookTypeHasAMessageWhoseDataIsItsOrdersEvent() throws Exception {
		JsonNode spec = json.readTree(RepositoryFiles.root().resolve(FILE).toFile());
		assertThat(webhookTypes()).containsExactly("order.cancelled", "order.confirmed", "order.delivered",
				"order.placed", "order.shipped");
		List<String> orderEvents = eventTypes().stream().map(IntegrationEvents::typeOf)
			.filter(name -> name.startsWith("orders.")).toList();
		assertThat(webhookTypes()).extracting(AsyncApiSpecTests::eventOfWebhook)
			.as("each webhook carries an orders event").isSubsetOf(orderEvents)
			.contains("orders.OrderPlaced", "orders.OrderConfirmed", "orders.OrderShipped", "orders.OrderDelivered",
					"orders.OrderCancelled");
		for (String type : webhookTypes()) {
			JsonNode payload = spec.at("/components/messages/" + WEBHOOK_PREFIX + type + "/payload");
			assertThat(payload.at("/properties/type/const").asString()).isEqualTo(type);
			assertThat(payload.at("/properties/data/$ref").asString())
				.isEqualTo("#/components/schemas/" + eventOfWebhook(type));
			assertThat(spec.at("/components/schemas/" + eventOfWebhook(type)).isObject()).isTrue();
			assertThat(spec.at("/channels/" + WEBHOOK_PREFIX + type + "/address").isNull()).as("address of %s", type)
				.isTrue();
		}
	}

	// --- the document -------------------------------------------------------------------------

	Map<String, Object> document() throws IOException {
		Map<String, Object> channels = new TreeMap<>();
		Map<String, Object> operations = new TreeMap<>();
		Map<String, Object> messages = new TreeMap<>();
		Map<String, Object> schemas = new TreeMap<>();
		for (Class<?> type : publishedTypes()) {
			String name = IntegrationEvents.typeOf(type);
			channels.put(name, map("address", name, "title", type.getSimpleName(),
					"description", "Routing key " + name + " on the topic exchange " + EXCHANGE + ".",
					"messages", map(type.getSimpleName(), ref("#/components/messages/" + name)),
					"bindings", map("amqp", map("is", "routingKey", "bindingVersion", "0.3.0",
							"exchange", map("name", EXCHANGE, "type", "topic", "durable", true, "autoDelete", false,
									"vhost", "/")))));
			operations.put("publish." + name, map("action", "send", "channel", ref("#/channels/" + name),
					"summary", INBOUND.contains(name.substring(0, name.indexOf('.')))
							? "Published by any module for the " + name.substring(0, name.indexOf('.'))
									+ " module (its contract says what it accepts) after the transaction that caused "
									+ "it committed (at least once)."
							: "Published by the " + name.substring(0, name.indexOf('.'))
									+ " module after the transaction that changed its state committed (at least once).",
					"messages", List.of(ref("#/channels/" + name + "/messages/" + type.getSimpleName())),
					"bindings", map("amqp", map("deliveryMode", 2, "bindingVersion", "0.3.0"))));
			messages.put(name, map("name", name, "title", type.getSimpleName(), "contentType", "application/json",
					"headers", map("type", "object", "required",
							List.of("x-orderly-schema-version", EventSeal.TIMESTAMP_HEADER, EventSeal.SIGNATURE_HEADER),
							"properties", map("x-orderly-schema-version",
									map("type", "integer", "const", IntegrationEvents.versionOf(type)),
									EventSeal.TIMESTAMP_HEADER, TIMESTAMP_SCHEMA, EventSeal.SIGNATURE_HEADER,
									SIGNATURE_SCHEMA)),
					"payload", map("type", "object", "additionalProperties", false,
							"required", List.of("type", "version", "data"),
							"properties", map("type", map("type", "string", "const", name),
									"version", map("type", "integer", "const", IntegrationEvents.versionOf(type)),
									"data", ref("#/components/schemas/" + name))),
					"bindings", map("amqp", map("contentEncoding", "UTF-8", "messageType", name,
							"bindingVersion", "0.3.0"))));
			addSchema(type, name, schemas);
		}
		addWebhooks(channels, operations, messages, schemas);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("asyncapi", "3.0.0");
		document.put("info", map("title", "Orderly integration events and webhooks", "version", "1",
				"description", "The public events of the users, auth and orders modules (and those any module publishes for "
						+ "notifications) as they leave the process "
						+ "in split mode (docs/adr/0022): JSON envelopes {type, version, data} on one durable topic "
						+ "exchange, routing key = type. Delivery is at least once: consumers must be idempotent. "
						+ "Additive changes keep the version; consumers ignore properties they do not know. "
						+ "Only the events another process consumes are published. Every message is sealed by its "
						+ "publisher (docs/adr/0034): signed (headers " + EventSeal.TIMESTAMP_HEADER + " and "
						+ EventSeal.SIGNATURE_HEADER + "), its secret fields (" + String.join(", ", EventSeal.SECRET_FIELDS)
						+ ") encrypted (" + EventSeal.ENCRYPTED_PREFIX + "…), the AMQP user_id property set to the "
						+ "publishing broker user (validated by RabbitMQ) and an expiration of at most 24 h (a token's "
						+ "remaining lifetime when it carries one); consumers refuse (dead-letter) what does not verify. "
						+ "And the webhooks the webhooks module POSTs to the endpoints administrators registered "
						+ "(docs/adr/0037): {type, timestamp, data} signed per Standard Webhooks 1.0, data being "
						+ "the orders event as published, at least once (receivers drop duplicates by webhook-id). "
						+ "Generated from the event records by AsyncApiSpecTests."));
		document.put("defaultContentType", "application/json");
		document.put("servers", map("rabbitmq", map("host", "rabbitmq:5672", "protocol", "amqp", "protocolVersion", "0-9-1",
				"description", "The RabbitMQ of the deployment (ORDERLY_RABBITMQ_HOST); exchange and queue names are "
						+ "settings (orderly.split.*)."),
				WEBHOOK_SERVER, map("host", "receiver.example.com", "protocol", "https",
						"description", "A partner's receiver: each webhook endpoint's own URL, registered by an "
								+ "administrator at /api/v1/webhook-endpoints (public https targets only).")));
		document.put("channels", channels);
		document.put("operations", operations);
		document.put("components", map("messages", messages, "schemas", schemas));
		return document;
	}

	/**
	 * One channel, operation and message per webhook type ({@code order.placed} …): what the webhooks
	 * module POSTs, {@code {type, timestamp, data}} with {@code data} the orders event of that type as
	 * published (its schema is the event's), and the Standard Webhooks headers.
	 */
	private void addWebhooks(Map<String, Object> channels, Map<String, Object> operations, Map<String, Object> messages,
			Map<String, Object> schemas) {
		for (String type : webhookTypes()) {
			String name = WEBHOOK_PREFIX + type;
			String event = eventOfWebhook(type);
			assertThat(schemas).as("the orders event %s that webhook %s carries", event, type).containsKey(event);
			channels.put(name, map("address", null, "title", "Webhook " + type,
					"description", "The URL of each webhook endpoint subscribed to " + type + " or order.*.",
					"servers", List.of(ref("#/servers/" + WEBHOOK_SERVER)),
					"messages", map(type, ref("#/components/messages/" + name))));
			operations.put("send." + name, map("action", "send", "channel", ref("#/channels/" + name),
					"summary", "POSTed by the webhooks module after the " + event + " event, retried with back-off "
							+ "for 24 h until the receiver answers 2xx (at least once; order not guaranteed).",
					"messages", List.of(ref("#/channels/" + name + "/messages/" + type)),
					"bindings", map("http", map("method", "POST", "bindingVersion", "0.3.0"))));
			Map<String, Object> headers = map("type", "object",
					"required", List.of("webhook-id", "webhook-timestamp", "webhook-signature"),
					"properties", map("webhook-id", map("type", "string", "pattern", "^msg_[0-9a-f]{32}$",
							"description", "The delivery's id: the same on every attempt; drop duplicates by it."),
							"webhook-timestamp", map("type", "string", "pattern", "^[0-9]+$",
									"description", "Unix seconds of the attempt; reject values more than 5 minutes off."),
							"webhook-signature", map("type", "string", "pattern", "^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$",
									"description", "v1, + base64 HMAC-SHA256 of id.timestamp.body per secret, "
											+ "space-separated (two during a secret rotation).")));
			messages.put(name, map("name", name, "title", "Webhook " + type, "contentType", "application/json",
					"headers", headers,
					"payload", map("type", "object", "additionalProperties", false,
							"required", List.of("type", "timestamp", "data"),
							"properties", map("type", map("type", "string", "const", type),
									"timestamp", map("type", "string", "format", "date-time",
											"description", "When the order event happened."),
									"data", ref("#/components/schemas/" + event))),
					"bindings", map("http", map("bindingVersion", "0.3.0"))));
		}
	}

	/** The webhook types the webhooks module delivers, as it names them. */
	static List<String> webhookTypes() {
		return Arrays.stream(EventType.values())
			.map(EventType::wireName)
			.sorted()
			.toList();
	}

	/** {@code order.placed} carries {@code orders.OrderPlaced}: the module's naming, checked by the tests. */
	static String eventOfWebhook(String type) {
		String state = type.substring("order.".length());
		return "orders.Order" + Character.toUpperCase(state.charAt(0)) + state.substring(1);
	}

	/** {@link EventSeal#TIMESTAMP_HEADER}: when the publisher sealed the message. */
	static final Map<String, Object> TIMESTAMP_SCHEMA = map("type", "string", "pattern", "^[0-9]{1,19}$",
			"description", "When the publisher sealed the message: its clock in epoch milliseconds, in decimal. "
					+ "Consumers refuse a message sealed more than 24 h before their clock or more than 1 min after it.");

	/** {@link EventSeal#SIGNATURE_HEADER}: HMAC-SHA256 with the key derived from the shared secret. */
	static final Map<String, Object> SIGNATURE_SCHEMA = map("type", "string", "pattern", "^v1,[A-Za-z0-9+/]{43}=$",
			"description", "v1, then base64 of HMAC-SHA256 over the type (routing key), a line feed, the value of "
					+ EventSeal.TIMESTAMP_HEADER + ", a line feed and the body's bytes. The key is HMAC-SHA256 of the "
					+ "shared secret (ORDERLY_SPLIT_EVENT_KEY, base64 of at least 32 bytes) over the text "
					+ "'orderly integration events: signing'. Consumers compare in constant time and refuse a message "
					+ "whose signature does not verify, or whose routing key is not its type.");

	/** A secret field ({@link EventSeal#SECRET_FIELDS}) as it travels: encrypted. */
	static final Map<String, Object> SECRET_SCHEMA = map("type", "string", "pattern",
			"^" + EventSeal.ENCRYPTED_PREFIX + "[A-Za-z0-9_-]+$", "description",
			"Encrypted: " + EventSeal.ENCRYPTED_PREFIX + " then base64url without padding of a 12-byte random nonce, "
					+ "the AES-256-GCM cipher text and its 16-byte tag; the type is the associated data; the key is "
					+ "HMAC-SHA256 of ORDERLY_SPLIT_EVENT_KEY over 'orderly integration events: encryption'. Never "
					+ "in clear on the broker; a consumer refuses the message when it is not in this form.");

	private void addSchema(Class<?> type, String name, Map<String, Object> schemas) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			properties.put(component.getName(),
					EventSeal.SECRET_FIELDS.contains(component.getName()) && component.getType() == String.class
							? SECRET_SCHEMA : schemaOf(component.getGenericType(), schemas));
		}
		schemas.put(name, map("type", "object", "title", type.getSimpleName(), "properties", properties,
				"required", componentNames(type)));
	}

	private Object schemaOf(Type type, Map<String, Object> schemas) {
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
				&& Collection.class.isAssignableFrom(raw)) {
			Map<String, Object> array = map("type", "array", "items",
					schemaOf(parameterized.getActualTypeArguments()[0], schemas));
			if (Set.class.isAssignableFrom(raw)) {
				array.put("uniqueItems", true);
			}
			return array;
		}
		Class<?> raw = (Class<?>) type;
		if (raw == UUID.class) {
			return map("type", "string", "format", "uuid");
		}
		if (raw == Instant.class) {
			return map("type", "string", "format", "date-time");
		}
		if (raw == String.class) {
			return map("type", List.of("string", "null"));
		}
		if (raw == long.class) {
			return map("type", "integer", "format", "int64");
		}
		if (raw == int.class) {
			return map("type", "integer", "format", "int32");
		}
		if (raw == boolean.class) {
			return map("type", "boolean");
		}
		if (raw.isRecord() && IntegrationEvents.isIntegrationEvent(raw)) {
			String name = IntegrationEvents.typeOf(raw);
			addSchema(raw, name, schemas);
			return ref("#/components/schemas/" + name);
		}
		throw new IllegalStateException("No schema for " + type + ": extend AsyncApiSpecTests");
	}

	// --- the events ---------------------------------------------------------------------------

	/**
	 * The externalised event types: the records of the contract packages that are not only a part
	 * of another event (such as {@code OrderLine}).
	 */
	static List<Class<?>> eventTypes() throws IOException {
		List<Class<?>> records = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/orderly/*/events/*.class")) {
			String path = resource.getURL().toString();
			String className = path.substring(path.lastIndexOf("dev/orderly/"), path.length() - ".class".length())
				.replace('/', '.');
			Class<?> type = ClassUtils.resolveClassName(className, AsyncApiSpecTests.class.getClassLoader());
			if (IntegrationEvents.isIntegrationEvent(type)) {
				records.add(type);
			}
		}
		Set<Class<?>> parts = new LinkedHashSet<>();
		for (Class<?> type : records) {
			for (RecordComponent component : type.getRecordComponents()) {
				collectRecords(component.getGenericType(), parts);
			}
		}
		return records.stream()
			.filter(type -> !parts.contains(type))
			.sorted((a, b) -> IntegrationEvents.typeOf(a).compareTo(IntegrationEvents.typeOf(b)))
			.toList();
	}

	/** The event types that go on the broker: those another process consumes ({@link BrokerConsumer}). */
	static List<Class<?>> publishedTypes() throws IOException {
		Set<String> consumed = BrokerConsumer.consumedTypes(AsyncApiSpecTests.class.getClassLoader());
		return eventTypes().stream().filter(type -> consumed.contains(IntegrationEvents.typeOf(type))).toList();
	}

	private static void collectRecords(Type type, Set<Class<?>> into) {
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				collectRecords(argument, into);
			}
		}
		else if (type instanceof Class<?> raw && raw.isRecord()) {
			into.add(raw);
		}
	}

	static List<String> componentNames(Class<?> type) {
		return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
	}

	/** An instance of {@code type} with a value of each component's type. */
	static Object sample(Class<?> type) throws Exception {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			values[i] = sampleOf(components[i].getGenericType());
		}
		return type.getDeclaredConstructor(types).newInstance(values);
	}

	private static Object sampleOf(Type type) throws Exception {
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			Object element = sampleOf(parameterized.getActualTypeArguments()[0]);
			return Set.class.isAssignableFrom(raw) ? Set.of(element) : List.of(element);
		}
		Class<?> raw = (Class<?>) type;
		if (raw == UUID.class) {
			return UUID.randomUUID();
		}
		if (raw == Instant.class) {
			return Instant.parse("2026-11-25T12:00:00Z");
		}
		if (raw == String.class) {
			return "text";
		}
		if (raw == long.class) {
			return 1250L;
		}
		if (raw == int.class) {
			return 2;
		}
		if (raw == boolean.class) {
			return true;
		}
		return sample(raw);
	}

	/** The sent value has the JSON type (and format) its schema states. */
	private static void assertMatches(JsonNode spec, JsonNode schema, JsonNode value, String where) {
		if (schema.has("$ref")) {
			JsonNode target = spec.at(schema.path("$ref").asString().substring(1));
			assertThat(value.isObject()).as(where).isTrue();
			for (String property : target.path("properties").propertyNames()) {
				assertMatches(spec, target.at("/properties/" + property), value.path(property), where + "." + property);
			}
			return;
		}
		JsonNode type = schema.path("type");
		String expected = type.isArray() ? type.get(0).asString() : type.asString();
		switch (expected) {
			case "string" -> {
				assertThat(value.isString()).as(where).isTrue();
				if (schema.has("pattern")) {
					assertThat(value.asString()).as(where).matches(schema.path("pattern").asString());
				}
				if ("uuid".equals(schema.path("format").asString(""))) {
					assertThat(UUID.fromString(value.asString())).as(where).isNotNull();
				}
				if ("date-time".equals(schema.path("format").asString(""))) {
					assertThat(Instant.parse(value.asString())).as(where).isNotNull();
				}
			}
			case "integer" -> assertThat(value.isIntegralNumber()).as(where).isTrue();
			case "boolean" -> assertThat(value.isBoolean()).as(where).isTrue();
			case "array" -> {
				assertThat(value.isArray()).as(where).isTrue();
				for (JsonNode item : value) {
					assertMatches(spec, schema.path("items"), item, where + "[]");
				}
			}
			default -> throw new IllegalStateException("Unexpected schema type " + expected + " at " + where);
		}
	}

	private static boolean update() {
		return Boolean.getBoolean("orderly.docs.update") || "true".equalsIgnoreCase(System.getenv("ORDERLY_DOCS_UPDATE"));
	}

	private static Map<String, Object> ref(String target) {
		return map("$ref", target);
	}

	private static Map<String, Object> map(Object... keyValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}
}
