package dev.orderly.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.orderly.support.AppTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description is generated from the code and committed as {@code docs/openapi.json}.
 * This test fails when the two drift apart; run it with {@code -Dorderly.docs.update=true} (or
 * {@code ORDERLY_DOCS_UPDATE=true}) to rewrite the file.
 */
// the development mailbox on, so that its endpoint is documented too
@SpringBootTest(properties = "orderly.notifications.dev-mailbox=true")
@AutoConfigureMockMvc
@WithTestDatabase
@Import(AppTokensConfiguration.class)
class OpenApiSpecTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void keepsDocsOpenapiJsonInStepWithTheCode() throws IOException {
		MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();
		assertThat(result).hasStatusOk();
		String served = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		String spec = canonical(served);
		assertThat(spec).contains("\"openapi\" : \"3.0")
			.contains("\"bearerAuth\"")
			.contains("\"BadRequestError\"")
			.contains("\"TooManyRequests\"");

		Path file = repositoryRoot().resolve("docs/openapi.json");
		if (update()) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, spec, StandardCharsets.UTF_8);
			return;
		}
		assertThat(file).as("docs/openapi.json is missing: run with -Dorderly.docs.update=true").exists();
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as("docs/openapi.json is stale: run OpenApiSpecTests with -Dorderly.docs.update=true and commit it")
			.isEqualTo(spec);
	}

	/** Keys sorted at every level, two-space indentation, one trailing newline: diffs stay small. */
	@SuppressWarnings("unchecked")
	static String canonical(String json) {
		JsonMapper mapper = JsonMapper.builder()
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build();
		Map<String, Object> tree = mapper.readValue(json, Map.class);
		return mapper.writeValueAsString(tree).replace("\r\n", "\n") + "\n";
	}

	private static boolean update() {
		return Boolean.getBoolean("orderly.docs.update") || "true".equalsIgnoreCase(System.getenv("ORDERLY_DOCS_UPDATE"));
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
		}
		return dir;
	}
}
