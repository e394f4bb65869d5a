package dev.orderly.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;

import dev.orderly.OrderlyApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application module metadata that Spring Modulith's runtime reads instead of scanning the
 * application's classes with ArchUnit when the application starts
 * ({@value ApplicationModulesExporter#DEFAULT_LOCATION}, ADR 0024): the modules whose Flyway
 * migrations run. The scan took seconds of every start on 2 cores and blocked the first
 * migration; the file is what that scan computes, generated from the code and committed, and this
 * test fails when it no longer matches, like the module docs.
 * <p>
 * To refresh it after adding, renaming or re-arranging a module:
 * {@code ./mvnw -pl app -am test -Dtest=ModuleMetadataTests -Dsurefire.failIfNoSpecifiedTests=false -Dorderly.docs.update=true}.
 */
class ModuleMetadataTests {

	static final Path COMMITTED = Path.of("src", "main", "resources").resolve(ApplicationModulesExporter.DEFAULT_LOCATION);

	@Test
	void committedModuleMetadataMatchesTheCode() throws IOException {
		String generated = new ApplicationModulesExporter(ApplicationModules.of(OrderlyApplication.class)).toJson();

		JsonMapper json = JsonMapper.builder().build();
		if (ModuleDocumentationTests.updateRequested()) {
			Files.createDirectories(COMMITTED.getParent());
			Files.writeString(COMMITTED, json.writerWithDefaultPrettyPrinter()
				.writeValueAsString(sortedWithin(json.readTree(generated))) + "\n", StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
		JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
		// ArchUnit finds a module's dependencies in no fixed order: compare them as sets. The order
		// of the modules does not matter either: each migrates its own schema with its own history.
		assertThat(canonical(committed)).as("""
				%s is stale: it differs from the modules the code declares. Regenerate it with
				  ./mvnw -pl app -am test -Dtest=ModuleMetadataTests -Dsurefire.failIfNoSpecifiedTests=false -Dorderly.docs.update=true
				and commit the result.""", COMMITTED).isEqualTo(canonical(json.readTree(generated)));
	}

	/** The same document with every array sorted, module order (the top level) kept. */
	private static JsonNode sortedWithin(JsonNode node) {
		ObjectNode modules = JsonNodeFactory.instance.objectNode();
		node.properties().forEach(module -> modules.set(module.getKey(), canonical(module.getValue())));
		return modules;
	}

	/** Object keys and array elements in a fixed order, so that equal content compares equal. */
	private static JsonNode canonical(JsonNode node) {
		if (node.isArray()) {
			List<JsonNode> items = new ArrayList<>();
			node.forEach(item -> items.add(canonical(item)));
			items.sort(Comparator.comparing(JsonNode::toString));
			ArrayNode array = JsonNodeFactory.instance.arrayNode();
			items.forEach(array::add);
			return array;
		}
		if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach(property -> sorted.put(property.getKey(), canonical(property.getValue())));
			ObjectNode object = JsonNodeFactory.instance.objectNode();
			sorted.forEach(object::set);
			return object;
		}
		return node;
	}
}
