package dev.orderly.platform.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.orderly.platform.events.IntegrationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden sample messages a consumer module keeps next to its tests (docs/adr/0031):
 * {@code src/test/resources/golden/<type>/v<version>.json}, the JSON envelope exactly as a producer
 * published it, one per readable version of every event the module consumes (more files, such as a
 * newer producer's message with fields the consumer does not know, are welcome). {@link #assertReadable}
 * reads every one with the real reader ({@link IntegrationEvents#reader}) and checks its data against
 * the producer's committed baseline of that version
 * ({@code modules/<producer>/<producer>-contract/src/contract/baseline}), so that a golden message is
 * what the producer really publishes.
 */
public final class GoldenMessages {

	/** Where a module's golden messages are, from its base directory (the tests' working directory). */
	public static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

	private GoldenMessages() {
	}

	/** The golden message files of this module, sorted. */
	public static List<Path> files() throws IOException {
		try (Stream<Path> files = Files.walk(DIRECTORY)) {
			return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
		}
	}

	/**
	 * Asserts that every readable version of every consumed type has a golden message, and that every
	 * golden message reads into its event: properties the reader does not know are ignored, older
	 * versions upcast, and a message of the current version keeps every value the record has.
	 * @return the events read, by file
	 */
	public static Map<Path, Object> assertReadable(Collection<Class<?>> consumed) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		IntegrationEvents.Reader reader = IntegrationEvents.reader(json, consumed);
		for (Class<?> type : consumed) {
			for (int version : IntegrationEvents.readableVersions(type)) {
				assertThat(DIRECTORY.resolve(IntegrationEvents.typeOf(type)).resolve("v" + version + ".json"))
					.as("a golden message of %s v%d (every version the consumer reads)", IntegrationEvents.typeOf(type),
							version)
					.exists();
			}
		}
		Map<Path, Object> read = new LinkedHashMap<>();
		List<Path> files = files();
		assertThat(files).isNotEmpty();
		for (Path file : files) {
			byte[] body = Files.readAllBytes(file);
			JsonNode golden = json.readTree(body);
			String type = golden.path("type").asString();
			assertThat(file.getParent().getFileName().toString()).as("the directory of %s", file).isEqualTo(type);
			assertMatchesTheProducersBaseline(file, type, golden);
			Object event = reader.read(body);
			assertThat(IntegrationEvents.typeOf(event.getClass())).as(file.toString()).isEqualTo(type);
			if (golden.path("version").asInt() == IntegrationEvents.versionOf(event.getClass())) {
				JsonNode data = json.readTree(IntegrationEvents.encode(json, event)).path("data");
				for (String property : new ArrayList<>(data.propertyNames())) {
					if (data.get(property).isNull() && golden.path("data").path(property).isMissingNode()) {
						continue; // an optional component added since (docs/adr/0031): a producer of the golden's release leaves it out
					}
					assertThat(unordered(knownPart(data.get(property), golden.path("data").path(property))))
						.as("%s: %s as read", file, property)
						.isEqualTo(unordered(data.get(property)));
				}
			}
			ObjectNode withUnknown = (ObjectNode) golden.deepCopy();
			withUnknown.put("addedByALaterRelease", true);
			((ObjectNode) withUnknown.get("data")).put("addedByALaterRelease", "ignored");
			assertThat(reader.read(json.writeValueAsBytes(withUnknown))).as("%s with unknown properties", file)
				.isEqualTo(event);
			read.put(file, event);
		}
		return read;
	}

	private static void assertMatchesTheProducersBaseline(Path file, String type, JsonNode golden) throws IOException {
		String producer = type.substring(0, type.indexOf('.'));
		Path baseline = repositoryRoot().resolve("modules").resolve(producer).resolve(producer + "-contract")
			.resolve("src/contract/baseline").resolve(type).resolve("v" + golden.path("version").asInt() + ".schema.json");
		assertThat(baseline).as("the producer's baseline of the version of %s", file).exists();
		Schema schema = SchemaRegistry.withDefaultDialect(Dialects.getDraft7())
			.getSchema(Files.readString(baseline), InputFormat.JSON);
		assertThat(schema.validate(golden.path("data"))).as("%s against %s", file, baseline).isEmpty();
	}

	private static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
	}

	/** Arrays of plain values in a fixed order: a set's order on the wire means nothing. */
	private static JsonNode unordered(JsonNode node) {
		if (node.isArray() && node.valueStream().allMatch(JsonNode::isValueNode)) {
			tools.jackson.databind.node.ArrayNode sorted = JsonMapper.builder().build().createArrayNode();
			node.valueStream().map(JsonNode::toString).sorted().forEach(value -> sorted.add(value));
			return sorted;
		}
		return node;
	}

	/** {@code golden} without the object properties {@code known} does not have (recursively). */
	private static JsonNode knownPart(JsonNode known, JsonNode golden) {
		if (known.isObject() && golden.isObject()) {
			ObjectNode copy = ((ObjectNode) golden).deepCopy();
			copy.retain(new ArrayList<>(known.propertyNames()));
			for (String property : known.propertyNames()) {
				copy.set(property, knownPart(known.get(property), golden.path(property)));
			}
			return copy;
		}
		if (known.isArray() && golden.isArray() && known.size() == golden.size()) {
			tools.jackson.databind.node.ArrayNode copy = JsonMapper.builder().build().createArrayNode();
			for (int i = 0; i < known.size(); i++) {
				copy.add(knownPart(known.get(i), golden.get(i)));
			}
			return copy;
		}
		return golden;
	}
}
