package dev.orderly.platform.events;

import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.contract.EventUpcaster;
import dev.orderly.platform.contract.EventVersion;

/**
 * The wire format of the integration events that leave the process in split mode (ADR 0022,
 * {@code docs/asyncapi.yaml}): the public event records of a module's contract package
 * {@code dev.orderly.<module>.events}, as a JSON envelope
 * {@code {"type": "<module>.<Record>", "version": 1, "data": {...the record's components...}}},
 * sent to one topic exchange with the type as routing key. Publisher and consumers use this one
 * class, so the names cannot disagree.
 * <p>
 * Versioning (docs/adr/0031): every event record carries its own version ({@link EventVersion} in its
 * contract artifact), which the envelope states. Additive changes to a record (a new optional
 * component) keep the version: readers ignore properties they do not know. A change that breaks a
 * consumer is a new version, whose record lists an {@link EventUpcaster} from the previous one:
 * readers accept the current version and every older one the upcasters lead from, so a consumer
 * reads what a producer of the previous release still publishes during a rolling upgrade.
 */
public final class IntegrationEvents {

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

	/**
	 * The version {@code type} is published as: its {@link EventVersion}.
	 * @throws IllegalArgumentException if {@code type} is not an integration event or carries no version
	 */
	public static int versionOf(Class<?> type) {
		String name = typeOf(type);
		EventVersion version = type.getAnnotation(EventVersion.class);
		if (version == null || version.value() < 1) {
			throw new IllegalArgumentException(name + " has no @EventVersion (1 or more) on " + type.getName());
		}
		return version.value();
	}

	/**
	 * The versions of {@code type} a reader accepts, oldest first: the current one and every older one
	 * its upcasters lead from without a gap.
	 */
	public static SortedSet<Integer> readableVersions(Class<?> type) {
		SortedSet<Integer> versions = new TreeSet<>(upcastersOf(type).keySet());
		versions.add(versionOf(type));
		return versions;
	}

	/**
	 * The upcasters of {@code type} by the version they read; checks that they form one chain up to the
	 * current version.
	 */
	static Map<Integer, EventUpcaster> upcastersOf(Class<?> type) {
		int current = versionOf(type);
		Map<Integer, EventUpcaster> upcasters = new TreeMap<>();
		for (Class<? extends EventUpcaster> upcasterType : type.getAnnotation(EventVersion.class).upcasters()) {
			EventUpcaster upcaster;
			try {
				upcaster = upcasterType.getDeclaredConstructor().newInstance();
			}
			catch (NoSuchMethodException | InstantiationException | IllegalAccessException
					| InvocationTargetException ex) {
				throw new IllegalStateException("Cannot create the upcaster " + upcasterType.getName() + " of "
						+ typeOf(type) + ": it needs a public no-argument constructor", ex);
			}
			if (upcaster.from() < 1 || upcaster.from() >= current || upcasters.put(upcaster.from(), upcaster) != null) {
				throw new IllegalStateException("The upcaster " + upcasterType.getName() + " of " + typeOf(type)
						+ " reads version " + upcaster.from() + ": expected one upcaster per version below " + current);
			}
		}
		for (int version : upcasters.keySet()) {
			for (int next = version + 1; next < current; next++) {
				if (!upcasters.containsKey(next)) {
					throw new IllegalStateException(typeOf(type) + " upcasts version " + version
							+ " but has no upcaster from version " + next + " to " + (next + 1));
				}
			}
		}
		return upcasters;
	}

	/** The JSON envelope of {@code event}, with the version of its type. */
	public static byte[] encode(JsonMapper json, Object event) {
		return json.writeValueAsBytes(new Envelope(typeOf(event.getClass()), versionOf(event.getClass()), event));
	}

	/**
	 * A reader of envelopes of the given event types. It ignores properties it does not know (a
	 * publisher may be newer), upcasts the older versions an event's upcasters lead from, and refuses
	 * unknown types and versions.
	 */
	public static Reader reader(JsonMapper json, Collection<Class<?>> types) {
		Map<Class<?>, Map<Integer, EventUpcaster>> upcasters = new LinkedHashMap<>();
		for (Class<?> type : types) {
			upcasters.put(type, upcastersOf(type));
		}
		return new Reader(json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(),
				types.stream().collect(Collectors.toUnmodifiableMap(IntegrationEvents::typeOf, Function.identity())),
				upcasters);
	}

	/** Reads envelopes into event records. */
	public static final class Reader {

		private final JsonMapper json;

		private final Map<String, Class<?>> types;

		private final Map<Class<?>, Map<Integer, EventUpcaster>> upcasters;

		private Reader(JsonMapper json, Map<String, Class<?>> types, Map<Class<?>, Map<Integer, EventUpcaster>> upcasters) {
			this.json = json;
			this.types = types;
			this.upcasters = upcasters;
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
			int current = versionOf(eventType);
			Map<Integer, EventUpcaster> chain = upcasters.get(eventType);
			int version = envelope.path("version").asInt(-1);
			if (version != current && !chain.containsKey(version)) {
				throw new IllegalArgumentException("Unsupported version " + version + " of " + type + " (this reader reads "
						+ readableVersions(eventType) + ")");
			}
			JsonNode data = envelope.get("data");
			if (data == null || !data.isObject()) {
				throw new IllegalArgumentException("No data in the envelope of " + type);
			}
			try {
				if (version == current) {
					return json.treeToValue(data, eventType);
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> upcast = json.treeToValue(data, LinkedHashMap.class);
				for (int from = version; from < current; from++) {
					chain.get(from).upcast(upcast);
				}
				return json.convertValue(upcast, eventType);
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
