package dev.orderly.platform.events;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format of the integration events that leave the process in split mode (ADR 0022,
 * {@code docs/asyncapi.yaml}): the public event records of a module's contract package
 * {@code dev.orderly.<module>.events}, as a JSON envelope
 * {@code {"type": "<module>.<Record>", "version": 1, "data": {...the record's components...}}},
 * sent to one topic exchange with the type as routing key. Publisher and consumers use this one
 * class, so the names cannot disagree.
 * <p>
 * Versioning: additive changes to a record (a new component) keep the version (consumers ignore
 * properties they do not know); a change that breaks a consumer is a new record, or a new version
 * published next to the old one until every consumer reads it.
 */
public final class IntegrationEvents {

	/** The schema version of every event published today. */
	public static final int SCHEMA_VERSION = 1;

	/** The contract package of a module's events (platform, the shared kernel, publishes none). */
	private static final Pattern CONTRACT_PACKAGE = Pattern.compile("dev\\.orderly\\.(?!platform\\.)([a-z]+)\\.events");

	private IntegrationEvents() {
	}

	/** The envelope on the wire. */
	record Envelope(String type, int version, Object data) {
	}

	/** Whether instances of {@code type} are integration events: records of a module's contract package. */
	public static boolean isIntegrationEvent(Class<?> type) {
		return type.isRecord() && CONTRACT_PACKAGE.matcher(type.getPackageName()).matches();
	}

	/** The type name on the wire and the routing key of {@code type}, e.g. {@code orders.OrderPlaced}. */
	public static String typeOf(Class<?> type) {
		Matcher matcher = CONTRACT_PACKAGE.matcher(type.getPackageName());
		if (!type.isRecord() || !matcher.matches()) {
			throw new IllegalArgumentException(type.getName() + " is not an integration event");
		}
		return matcher.group(1) + "." + type.getSimpleName();
	}

	/** The JSON envelope of {@code event}. */
	public static byte[] encode(JsonMapper json, Object event) {
		return json.writeValueAsBytes(new Envelope(typeOf(event.getClass()), SCHEMA_VERSION, event));
	}

	/**
	 * A reader of envelopes of the given event types. It ignores properties it does not know (a
	 * publisher may be newer) and refuses unknown types and versions.
	 */
	public static Reader reader(JsonMapper json, Collection<Class<?>> types) {
		return new Reader(json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(),
				types.stream().collect(Collectors.toUnmodifiableMap(IntegrationEvents::typeOf, Function.identity())));
	}

	/** Reads envelopes into event records. */
	public static final class Reader {

		private final JsonMapper json;

		private final Map<String, Class<?>> types;

		private Reader(JsonMapper json, Map<String, Class<?>> types) {
			this.json = json;
			this.types = types;
		}

		/**
		 * The event in {@code body}.
		 * @throws IllegalArgumentException if the body is not an envelope of a known type and version
		 */
		public Object read(byte[] body) {
			JsonNode envelope;
			try {
				envelope = json.readTree(body);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Not a JSON envelope: " + ex.getMessage(), ex);
			}
			String type = envelope.path("type").asString(null);
			Class<?> eventType = type == null ? null : types.get(type);
			if (eventType == null) {
				throw new IllegalArgumentException("Unknown integration event type: " + type);
			}
			int version = envelope.path("version").asInt(-1);
			if (version != SCHEMA_VERSION) {
				throw new IllegalArgumentException("Unsupported version " + version + " of " + type);
			}
			JsonNode data = envelope.get("data");
			if (data == null || !data.isObject()) {
				throw new IllegalArgumentException("No data in the envelope of " + type);
			}
			try {
				return json.treeToValue(data, eventType);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Malformed " + type + ": " + ex.getMessage(), ex);
			}
		}

		/** The types this reader knows, by wire name. */
		public Map<String, Class<?>> types() {
			return types;
		}
	}
}
