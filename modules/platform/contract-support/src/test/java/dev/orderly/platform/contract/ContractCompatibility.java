package dev.orderly.platform.contract;

import java.io.IOException;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import org.jspecify.annotations.Nullable;

/**
 * The compatibility check of a contract artifact's integration events (docs/adr/0031), run by the
 * contract module's own tests, so that {@code ./orderly test -pl modules/<m> -am} runs it.
 * <p>
 * For each event record it generates the JSON schema of the envelope's {@code data} from the record
 * (victools jsonschema-generator) and compares it with the committed baseline of the same version,
 * {@code src/contract/baseline/<type>/v<version>.schema.json}: both are put into an AsyncAPI 3
 * document (one channel per event version) and {@code @asyncapi/diff} classifies the changes
 * ({@code tools/contracts}, installed with {@code npm ci} on first use). A breaking change fails with
 * the event, the field and the modules that consume the event and read the field, from the
 * committed {@code docs/contracts/field-readers.json} (generated in app from the consumers' bytecode).
 * Older versions that have a baseline must stay readable: the record's {@link EventVersion} lists an
 * upcaster from each. {@code -Dorderly.contracts.update=true} records the current version's baseline
 * (refused while the change is breaking).
 */
public final class ContractCompatibility {

	private static final Pattern CONTRACT_PACKAGE = Pattern.compile("dev\\.orderly\\.([a-z]+)\\.events");

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

	private final Path repository;

	private final Path baselines;

	private final JsonNode fieldReaders;

	private ContractCompatibility(Path repository, Path baselines) throws IOException {
		this.repository = repository;
		this.baselines = baselines;
		Path readers = repository.resolve("docs/contracts/field-readers.json");
		this.fieldReaders = Files.exists(readers) ? JSON.readTree(readers.toFile()) : JSON.createObjectNode();
	}

	/** The check of the baselines in {@code baselines}, in the repository at {@code repository}. */
	static ContractCompatibility of(Path repository, Path baselines) throws IOException {
		return new ContractCompatibility(repository, baselines);
	}

	/** The check of the contract module in the working directory (a Maven module's base directory). */
	public static ContractCompatibility ofThisModule() throws IOException {
		Path module = Path.of("").toAbsolutePath();
		return new ContractCompatibility(repositoryRoot(module), module.resolve("src/contract/baseline"));
	}

	/** What the check found: breaking changes and stale or missing baselines, one sentence each. */
	public record Findings(List<String> problems, List<String> notices) {

		/** Whether nothing breaks a consumer. */
		public boolean compatible() {
			return problems.isEmpty();
		}

		/** All problems as one message, for an assertion. */
		public String message() {
			return String.join("\n", problems);
		}
	}

	/** Checks the given event records against their baselines (and records baselines in update mode). */
	public Findings check(List<Class<?>> events) throws IOException, InterruptedException {
		Map<String, JsonNode> current = new LinkedHashMap<>();
		for (Class<?> event : events) {
			current.put(typeOf(event), schemaOf(event));
		}
		return check(events, current, update());
	}

	/**
	 * Checks {@code events} with the given current schemas of their data (by wire type) instead of the
	 * generated ones: how a test shows what the check says about a change nobody committed.
	 */
	public Findings check(List<Class<?>> events, Map<String, JsonNode> currentSchemas)
			throws IOException, InterruptedException {
		return check(events, currentSchemas, false);
	}

	private Findings check(List<Class<?>> events, Map<String, JsonNode> currentSchemas, boolean update)
			throws IOException, InterruptedException {
		List<String> problems = new ArrayList<>();
		List<String> notices = new ArrayList<>();
		ObjectNode baselineDocument = asyncApi();
		ObjectNode currentDocument = asyncApi();
		Map<String, Class<?>> compared = new LinkedHashMap<>();
		for (Class<?> event : events) {
			String type = typeOf(event);
			int version = versionOf(event);
			Set<Integer> readable = readableVersions(event);
			Path baseline = baselineFile(type, version);
			for (int older : baselineVersions(type)) {
				if (older < version && !readable.contains(older)) {
					problems.add(type + " v" + older + " has a baseline but is no longer readable (" + consumersOf(type)
							+ "): consumers meet v" + older + " messages from producers of the previous release; add an "
							+ "upcaster from v" + older + " to @EventVersion of " + event.getSimpleName() + ".");
				}
				if (older > version) {
					problems.add(type + " is published as v" + version + " but a baseline of v" + older
							+ " exists: a version never goes back.");
				}
			}
			if (!Files.exists(baseline)) {
				if (update) {
					write(baseline, currentSchemas.get(type));
					notices.add("Recorded the baseline of " + type + " v" + version + ": " + repository.relativize(baseline));
				}
				else {
					problems.add(type + " v" + version + " has no baseline (" + repository.relativize(baseline)
							+ "): record it with -Dorderly.contracts.update=true and commit it"
							+ (version > 1 ? ", next to the baselines of the older versions it still reads." : "."));
				}
				continue;
			}
			addChannel(baselineDocument, type, version, JSON.readTree(baseline.toFile()));
			addChannel(currentDocument, type, version, currentSchemas.get(type));
			compared.put(channelOf(type, version), event);
		}
		if (!compared.isEmpty()) {
			JsonNode changes = diff(baselineDocument, currentDocument);
			for (JsonNode change : changes.path("breaking")) {
				problems.add(describe(change, compared));
			}
			for (JsonNode change : changes.path("unclassified")) {
				problems.add("Unclassified change (treated as breaking): " + describe(change, compared));
			}
			Set<String> changedChannels = new TreeSet<>();
			for (JsonNode change : changes.path("nonBreaking")) {
				changedChannels.add(channelIn(change.path("path").asText()));
			}
			if (problems.isEmpty() && update) {
				for (Map.Entry<String, Class<?>> entry : compared.entrySet()) {
					if (changedChannels.contains(entry.getKey())) {
						Class<?> event = entry.getValue();
						write(baselineFile(typeOf(event), versionOf(event)), currentSchemas.get(typeOf(event)));
						notices.add("Updated the baseline of " + entry.getKey() + " (compatible changes).");
					}
				}
			}
			else {
				for (String channel : changedChannels) {
					notices.add(channel + " changed compatibly (e.g. a new optional field): record it with "
							+ "-Dorderly.contracts.update=true so that later changes are judged against it.");
				}
			}
		}
		return new Findings(List.copyOf(new LinkedHashSet<>(problems)), notices);
	}

	// --- schemas ------------------------------------------------------------------------------

	/** The JSON schema of {@code event}'s data: every component required unless it is {@code @Nullable}. */
	public static JsonNode schemaOf(Class<?> event) {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7,
				OptionPreset.PLAIN_JSON)
			.with(Option.INLINE_ALL_SCHEMAS, Option.STANDARD_FORMATS)
			.without(Option.SCHEMA_VERSION_INDICATOR);
		config.forFields().withRequiredCheck(field -> !nullable(field.getRawMember()));
		ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(event);
		schema.put("title", typeOf(event) + " v" + versionOf(event));
		return schema;
	}

	private static boolean nullable(Field field) {
		AnnotatedType type = field.getAnnotatedType();
		return type.isAnnotationPresent(Nullable.class) || field.isAnnotationPresent(Nullable.class);
	}

	// --- the diff -----------------------------------------------------------------------------

	private static ObjectNode asyncApi() {
		ObjectNode document = JSON.createObjectNode();
		document.put("asyncapi", "3.0.0");
		document.putObject("info").put("title", "Contract baseline").put("version", "1");
		document.putObject("channels");
		return document;
	}

	private static String channelOf(String type, int version) {
		return type + ".v" + version;
	}

	private static void addChannel(ObjectNode document, String type, int version, JsonNode data) {
		ObjectNode message = ((ObjectNode) document.path("channels")).putObject(channelOf(type, version))
			.put("address", type)
			.putObject("messages")
			.putObject(type.substring(type.indexOf('.') + 1));
		message.put("name", type).put("contentType", "application/json");
		ObjectNode payload = message.putObject("payload").put("type", "object");
		ObjectNode properties = payload.putObject("properties");
		properties.putObject("type").put("const", type);
		properties.putObject("version").put("const", version);
		properties.set("data", data);
		payload.putArray("required").add("type").add("version").add("data");
	}

	private JsonNode diff(JsonNode baseline, JsonNode current) throws IOException, InterruptedException {
		Path tools = repository.resolve("tools/contracts");
		if (!Files.isDirectory(tools.resolve("node_modules/@asyncapi/diff"))) {
			run(tools, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
		}
		Path directory = Files.createTempDirectory("contract-diff");
		try {
			Path baselineFile = directory.resolve("baseline.json");
			Path currentFile = directory.resolve("current.json");
			JSON.writeValue(baselineFile.toFile(), baseline);
			JSON.writeValue(currentFile.toFile(), current);
			return JSON.readTree(run(tools, List.of("node", "diff-events.js", baselineFile.toString(),
					currentFile.toString()), 120));
		}
		finally {
			try (var files = Files.list(directory)) {
				for (Iterator<Path> it = files.iterator(); it.hasNext();) {
					Files.delete(it.next());
				}
			}
			Files.delete(directory);
		}
	}

	private static String run(Path directory, List<String> command, int timeoutSeconds)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile("contract-tool", ".out");
		Path errors = Files.createTempFile("contract-tool", ".err");
		Process process;
		try {
			process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectOutput(output.toFile())
				.redirectError(errors.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command.get(0) + " (the contract checks need Node.js 20+ "
					+ "and npm on the PATH, docs/adr/0031): " + ex.getMessage(), ex);
		}
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command + " in " + directory + " failed: "
						+ Files.readString(errors) + Files.readString(output));
			}
			return Files.readString(output);
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(output);
			Files.deleteIfExists(errors);
		}
	}

	private static final Pattern CHANGE_PATH = Pattern
		.compile("/channels/([^/]+)/messages/[^/]+/payload(?:/properties/data)?(/.*)?");

	private static String channelIn(String path) {
		Matcher matcher = CHANGE_PATH.matcher(path);
		return matcher.matches() ? matcher.group(1) : path;
	}

	/** One breaking change as a sentence: event, version, field, what happened, who is affected. */
	private String describe(JsonNode change, Map<String, Class<?>> compared) {
		String path = change.path("path").asText();
		Matcher matcher = CHANGE_PATH.matcher(path);
		if (!matcher.matches() || !compared.containsKey(matcher.group(1))) {
			return "Breaking change at " + path + " (" + change.path("action").asText() + ")";
		}
		String channel = matcher.group(1);
		String type = channel.substring(0, channel.lastIndexOf(".v"));
		String version = channel.substring(channel.lastIndexOf(".v") + 1);
		String inData = matcher.group(2) == null ? "" : matcher.group(2);
		List<String> segments = new ArrayList<>(List.of(inData.split("/")));
		segments.removeIf(String::isEmpty);
		List<String> field = new ArrayList<>();
		String what = null;
		for (int i = 0; i < segments.size(); i++) {
			String segment = segments.get(i);
			if (segment.equals("properties") && i + 1 < segments.size()) {
				field.add(segments.get(++i));
			}
			else if (segment.equals("items")) {
				continue;
			}
			else if (segment.equals("required")) {
				String before = change.path("before").isTextual() ? change.path("before").asText() : null;
				String after = change.path("after").isTextual() ? change.path("after").asText() : null;
				String prefix = field.isEmpty() ? "" : String.join(".", field) + ".";
				if (before != null) {
					field.add(before);
					what = after != null ? "renamed or replaced (the required field " + prefix + before
							+ " is now " + prefix + after + ")" : "no longer required (it may be missing)";
				}
				else if (after != null) {
					field.add(after);
					what = "added as a required field";
				}
				break;
			}
			else {
				what = "retyped (" + segment + ": " + change.path("before") + " → " + change.path("after") + ")";
				break;
			}
		}
		if (what == null) {
			what = switch (change.path("action").asText()) {
				case "remove" -> "removed";
				case "add" -> "added";
				default -> "changed (" + change.path("before") + " → " + change.path("after") + ")";
			};
		}
		String name = String.join(".", field);
		return "Breaking change to " + type + " " + version + ": field " + (name.isEmpty() ? "(the data)" : name)
				+ " " + what + "; " + readersOf(type, name) + "; " + consumersOf(type) + ". Keep the field, or ship "
				+ type.substring(type.indexOf('.') + 1) + " as v" + (Integer.parseInt(version.substring(1)) + 1)
				+ " with an upcaster from " + version + " and record its baseline (docs/adr/0031).";
	}

	private String readersOf(String type, String field) {
		Set<String> readers = new TreeSet<>();
		JsonNode fields = fieldReaders.path(type).path("fields");
		for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (name.equals(field) || name.startsWith(field + ".") || field.startsWith(name + ".")) {
				fields.path(name).forEach(reader -> readers.add(reader.asText()));
			}
		}
		return readers.isEmpty() ? "no other module reads it" : "read by " + String.join(", ", readers);
	}

	private String consumersOf(String type) {
		Set<String> consumers = new TreeSet<>();
		fieldReaders.path(type).path("consumers").forEach(consumer -> consumers.add(consumer.asText()));
		return consumers.isEmpty() ? "no module consumes " + type
				: "consuming modules affected: " + String.join(", ", consumers);
	}

	// --- events and baselines -----------------------------------------------------------------

	/** The wire type of an event record, e.g. {@code orders.OrderPlaced}. */
	public static String typeOf(Class<?> event) {
		Matcher matcher = CONTRACT_PACKAGE.matcher(event.getPackageName());
		if (!event.isRecord() || !matcher.matches()) {
			throw new IllegalArgumentException(event.getName() + " is not an integration event");
		}
		return matcher.group(1) + "." + event.getSimpleName();
	}

	/** The version {@code event} is published as. */
	public static int versionOf(Class<?> event) {
		EventVersion version = event.getAnnotation(EventVersion.class);
		if (version == null) {
			throw new IllegalArgumentException(typeOf(event) + " has no @EventVersion");
		}
		return version.value();
	}

	/** The versions a reader of {@code event} accepts: the current one and those its upcasters read. */
	public static Set<Integer> readableVersions(Class<?> event) {
		Set<Integer> versions = new TreeSet<>();
		versions.add(versionOf(event));
		for (Class<? extends EventUpcaster> upcaster : event.getAnnotation(EventVersion.class).upcasters()) {
			try {
				versions.add(upcaster.getDeclaredConstructor().newInstance().from());
			}
			catch (NoSuchMethodException | InstantiationException | IllegalAccessException
					| InvocationTargetException ex) {
				throw new IllegalStateException(upcaster.getName() + " needs a public no-argument constructor", ex);
			}
		}
		return versions;
	}

	private Path baselineFile(String type, int version) {
		return baselines.resolve(type).resolve("v" + version + ".schema.json");
	}

	private Set<Integer> baselineVersions(String type) throws IOException {
		Set<Integer> versions = new TreeSet<>();
		Path directory = baselines.resolve(type);
		if (Files.isDirectory(directory)) {
			try (var files = Files.list(directory)) {
				files.map(file -> file.getFileName().toString())
					.map(Pattern.compile("v(\\d+)\\.schema\\.json")::matcher)
					.filter(Matcher::matches)
					.forEach(matcher -> versions.add(Integer.parseInt(matcher.group(1))));
			}
		}
		return versions;
	}

	private static void write(Path file, JsonNode schema) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, JSON.writeValueAsString(schema).replace("\r\n", "\n") + "\n", StandardCharsets.UTF_8);
	}

	private static boolean update() {
		return Boolean.getBoolean("orderly.contracts.update")
				|| "true".equalsIgnoreCase(System.getenv("ORDERLY_CONTRACTS_UPDATE"));
	}

	static Path repositoryRoot(Path from) {
		for (Path dir = from; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the repository: " + from);
	}

	/**
	 * The event records of {@code module}'s contract package compiled into this module
	 * ({@code target/classes/dev/orderly/<module>/events}): every record with {@link EventVersion}.
	 */
	public static List<Class<?>> eventsOf(String module) throws IOException {
		Path classes = Path.of("target", "classes", "dev", "orderly", module, "events");
		List<Class<?>> events = new ArrayList<>();
		try (var files = Files.list(classes)) {
			for (Path file : files.sorted().toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
					Class<?> type;
					try {
						type = Class.forName("dev.orderly." + module + ".events." + name.substring(0, name.length() - 6));
					}
					catch (ClassNotFoundException ex) {
						throw new IllegalStateException(ex);
					}
					if (type.isRecord() && type.isAnnotationPresent(EventVersion.class)) {
						events.add(type);
					}
				}
			}
		}
		return events;
	}
}
