package dev.orderly.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;

import dev.orderly.OrderlyApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application module metadata that Spring Modulith's runtime reads instead of scanning the
 * application's classes with ArchUnit when the application starts
 * ({@value ApplicationModulesExporter#DEFAULT_LOCATION}, ADR 0024): the modules whose Flyway
 * migrations run, in order. The scan took seconds of every start on 2 cores and blocked the first
 * migration; the file is what that scan computes, generated from the code and committed, and this
 * test fails when it no longer matches, like the module docs.
 * <p>
 * To refresh it after adding, renaming or re-arranging a module:
 * {@code ./mvnw -pl app test -Dtest=ModuleMetadataTests -Dorderly.docs.update=true}.
 */
class ModuleMetadataTests {

	static final Path COMMITTED = Path.of("src", "main", "resources").resolve(ApplicationModulesExporter.DEFAULT_LOCATION);

	@Test
	void committedModuleMetadataMatchesTheCode() throws IOException {
		String generated = new ApplicationModulesExporter(ApplicationModules.of(OrderlyApplication.class)).toJson();

		if (ModuleDocumentationTests.updateRequested()) {
			Files.createDirectories(COMMITTED.getParent());
			Files.writeString(COMMITTED, pretty(generated) + "\n", StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
		JsonMapper json = JsonMapper.builder().build();
		JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
		assertThat(committed).as("""
				%s is stale: it differs from the modules the code declares. Regenerate it with
				  ./mvnw -pl app test -Dtest=ModuleMetadataTests -Dorderly.docs.update=true
				and commit the result.""", COMMITTED).isEqualTo(json.readTree(generated));
		assertThat(committed.propertyNames()).as("module order (Flyway runs them in this order)")
			.containsExactlyElementsOf(json.readTree(generated).propertyNames());
	}

	private static String pretty(String text) {
		JsonMapper json = JsonMapper.builder().build();
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
	}
}
