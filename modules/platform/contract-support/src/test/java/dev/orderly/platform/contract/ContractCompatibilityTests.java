package dev.orderly.platform.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.orderly.examples.events.ParcelDelivered;
import dev.orderly.examples.events.ParcelLost;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new version passes the check while the previous one stays readable, and fails it when it does
 * not (docs/adr/0031); baselines in a temporary directory.
 */
class ContractCompatibilityTests {

	final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path baselines;

	@Test
	void aNewVersionWithAnUpcasterFromThePreviousOnePasses() throws Exception {
		write("examples.ParcelDelivered", 1, ContractCompatibility.schemaOf(ParcelDelivered.class));
		write("examples.ParcelDelivered", 2, ContractCompatibility.schemaOf(ParcelDelivered.class));

		ContractCompatibility.Findings findings = check().check(List.of(ParcelDelivered.class));

		assertThat(findings.problems()).isEmpty();
		assertThat(ContractCompatibility.readableVersions(ParcelDelivered.class)).containsExactly(1, 2);
	}

	@Test
	void aNewVersionThatNoLongerReadsThePreviousOneFails() throws Exception {
		write("examples.ParcelLost", 1, ContractCompatibility.schemaOf(ParcelLost.class));
		write("examples.ParcelLost", 2, ContractCompatibility.schemaOf(ParcelLost.class));

		ContractCompatibility.Findings findings = check().check(List.of(ParcelLost.class));

		assertThat(findings.message()).contains("examples.ParcelLost v1 has a baseline but is no longer readable")
			.contains("add an upcaster from v1");
	}

	@Test
	void aNewVersionWithoutItsBaselineFails() throws Exception {
		write("examples.ParcelDelivered", 1, ContractCompatibility.schemaOf(ParcelDelivered.class));

		assertThat(check().check(List.of(ParcelDelivered.class)).message())
			.contains("examples.ParcelDelivered v2 has no baseline")
			.contains("-Dorderly.contracts.update=true");
	}

	private ContractCompatibility check() throws Exception {
		return ContractCompatibility.of(ContractCompatibility.repositoryRoot(Path.of("").toAbsolutePath()), baselines);
	}

	private void write(String type, int version, com.fasterxml.jackson.databind.JsonNode schema) throws Exception {
		Path file = baselines.resolve(type).resolve("v" + version + ".schema.json");
		Files.createDirectories(file.getParent());
		ObjectNode copy = schema.deepCopy();
		copy.put("title", type + " v" + version);
		json.writeValue(file.toFile(), copy);
	}
}
