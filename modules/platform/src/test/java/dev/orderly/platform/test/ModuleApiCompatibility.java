package dev.orderly.platform.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ComposedChanged;
import org.openapitools.openapidiff.core.model.Endpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The module's part of the REST API (docs/adr/0031): the operations of {@code docs/openapi.json}
 * tagged for the module, compared with the committed per-module baseline
 * {@code modules/<m>/src/contract/openapi.json} by openapi-diff (openapi-diff-core). A removed
 * operation or an incompatible change to one (a removed response field, a new required request
 * field, a retyped one…) is a problem naming the module and the operation. {@code docs/openapi.json}
 * is generated from the running application and drift-checked in app (ADR 0018), so a change to a
 * module's DTO reaches this check once the spec is regenerated ({@code -Dorderly.docs.update=true});
 * {@code -Dorderly.contracts.update=true} records the module's baseline.
 */
public final class ModuleApiCompatibility {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ModuleApiCompatibility() {
	}

	/** Incompatible changes of {@code module}'s operations (tagged with {@code tags}) since its baseline. */
	public static List<String> problems(String module, Set<String> tags) throws IOException {
		Path root = repositoryRoot();
		String current = JSON.writeValueAsString(slice(JSON.readTree(root.resolve("docs/openapi.json").toFile()), tags));
		Path baseline = root.resolve("modules").resolve(module).resolve("src/contract/openapi.json");
		if (update()) {
			Files.createDirectories(baseline.getParent());
			Files.writeString(baseline, current + "\n", StandardCharsets.UTF_8);
			return List.of();
		}
		if (!Files.exists(baseline)) {
			return List.of("The " + module + " module has no API baseline (" + root.relativize(baseline)
					+ "): record it with -Dorderly.contracts.update=true and commit it.");
		}
		return problems(module, Files.readString(baseline), current);
	}

	/** Incompatible changes between two OpenAPI documents of {@code module}'s operations. */
	public static List<String> problems(String module, String baseline, String current) {
		ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, current);
		List<String> problems = new ArrayList<>();
		for (Endpoint removed : diff.getMissingEndpoints()) {
			problems.add("Breaking change to the " + module + " API: operation " + removed.getMethod() + " "
					+ removed.getPathUrl() + " removed; clients calling it break.");
		}
		for (ChangedOperation operation : diff.getChangedOperations()) {
			if (operation.isIncompatible()) {
				Set<String> fields = new LinkedHashSet<>();
				collect(operation, "", fields);
				problems.add("Breaking change to the " + module + " API: operation " + operation.getHttpMethod() + " "
						+ operation.getPathUrl() + (fields.isEmpty() ? "" : " — " + String.join("; ", fields))
						+ ". Keep it compatible, or version the operation (docs/adr/0031).");
			}
		}
		return problems;
	}

	/** The schema changes below {@code changed} that break clients, as "field x removed" sentences. */
	private static void collect(Changed changed, String path, Set<String> fields) {
		if (changed == null || !changed.isIncompatible()) {
			return;
		}
		if (changed instanceof ChangedSchema schema) {
			schema.getMissingProperties().keySet().forEach(name -> fields.add("field " + path + name + " removed"));
			if (schema.isChangedType()) {
				fields.add("field " + (path.isEmpty() ? "(body)" : path.substring(0, path.length() - 1)) + " retyped");
			}
			if (schema.getRequired() != null && schema.getRequired().isIncompatible()) {
				fields.add("required fields of " + (path.isEmpty() ? "the body" : path.substring(0, path.length() - 1))
						+ " changed " + schema.getRequired().getIncreased() + schema.getRequired().getMissing());
			}
			for (Map.Entry<String, ChangedSchema> property : schema.getChangedProperties().entrySet()) {
				collect(property.getValue(), path + property.getKey() + ".", fields);
			}
			if (schema.getItems() != null) {
				collect(schema.getItems(), path, fields);
			}
			return;
		}
		if (changed instanceof ComposedChanged composed) {
			for (Changed element : composed.getChangedElements()) {
				collect(element, path, fields);
			}
		}
	}

	/** The paths whose operations carry one of {@code tags}, other operations dropped, all components kept. */
	static JsonNode slice(JsonNode spec, Set<String> tags) {
		ObjectNode copy = (ObjectNode) spec.deepCopy();
		ObjectNode paths = copy.putObject("paths");
		for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
			ObjectNode kept = JSON.createObjectNode();
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				boolean ours = false;
				for (JsonNode tag : operation.getValue().path("tags")) {
					ours |= tags.contains(tag.asString());
				}
				if (ours) {
					kept.set(operation.getKey(), operation.getValue());
				}
			}
			if (!kept.isEmpty()) {
				paths.set(path.getKey(), kept);
			}
		}
		copy.remove("tags");
		return copy;
	}

	private static boolean update() {
		return Boolean.getBoolean("orderly.contracts.update")
				|| "true".equalsIgnoreCase(System.getenv("ORDERLY_CONTRACTS_UPDATE"));
	}

	private static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the repository: " + Path.of("").toAbsolutePath());
	}
}
