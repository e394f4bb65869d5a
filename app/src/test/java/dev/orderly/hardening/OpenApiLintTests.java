package dev.orderly.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.test.ApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints the committed contract with Spectral, as client authors' tools would (ADR 0018): the
 * {@code spectral:oas} ruleset finds nothing at all; with the OWASP API ruleset only the errors
 * listed (and justified) in docs/api.md remain. Spectral and the ruleset are pinned in
 * {@code tools/spectral} and installed there ({@code npm ci}, git-ignored) on first use: the build
 * needs Node.js 20 or newer, like CI.
 */
class OpenApiLintTests {

	/** OWASP errors accepted on purpose; each is justified in docs/api.md ("Spectral and OWASP"). */
	static final Set<String> ACCEPTED_OWASP_ERRORS = Set.of(
			"owasp:api2:2023-write-restricted paths./api/v1/auth/login.post.security",
			"owasp:api2:2023-write-restricted paths./api/v1/auth/refresh.post.security",
			"owasp:api2:2023-write-restricted paths./api/v1/auth/logout.post.security",
			"owasp:api2:2023-write-restricted paths./api/v1/auth/password-reset.post.security",
			"owasp:api2:2023-write-restricted paths./api/v1/auth/password-reset/confirm.post.security",
			"owasp:api2:2023-write-restricted paths./api/v1/users.post.security",
			"owasp:api2:2023-write-restricted paths./api/v1/users/{id}/verify-email.post.security");

	static Path tools;

	@BeforeAll
	static void installSpectral() throws Exception {
		tools = ApiContract.specFile().getParent().getParent().resolve("tools/spectral");
		if (!Files.isExecutable(tools.resolve("node_modules/.bin/spectral"))) {
			run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
		}
	}

	@Test
	void findsNothingWithTheOpenApiRuleset() throws Exception {
		assertThat(lint(".spectral-oas.yaml")).as("spectral:oas findings on docs/openapi.json").isEmpty();
	}

	@Test
	void findsNoOwaspErrorsButTheAcceptedOnes() throws Exception {
		List<String> findings = lint(".spectral-owasp.yaml");
		assertThat(findings).as("the OWASP ruleset ran (it warns about free-text strings)").isNotEmpty();
		List<String> errors = findings.stream()
			.filter(finding -> finding.startsWith("error "))
			.map(finding -> finding.substring("error ".length()))
			.toList();
		assertThat(errors).as("OWASP errors not accepted in docs/api.md").isSubsetOf(ACCEPTED_OWASP_ERRORS);
	}

	/** Findings as "severity code path", severity error, warn, info or hint. */
	@SuppressWarnings("unchecked")
	private static List<String> lint(String ruleset) throws Exception {
		Path report = Files.createTempFile("spectral", ".json");
		try {
			run(List.of("node_modules/.bin/spectral", "lint", "--ruleset", ruleset, "--format", "json", "--output",
					report.toString(), "--fail-severity", "error", "--quiet",
					ApiContract.specFile().toString()), 120);
			List<Map<String, Object>> results = JsonMapper.builder().build().readValue(report.toFile(), List.class);
			List<String> findings = new ArrayList<>();
			for (Map<String, Object> result : results) {
				String severity = List.of("error", "warn", "info", "hint").get((Integer) result.get("severity"));
				List<Object> path = (List<Object>) result.get("path");
				findings.add(severity + " " + result.get("code") + " "
						+ String.join(".", path.stream().map(String::valueOf).toList()));
			}
			return findings;
		}
		finally {
			Files.deleteIfExists(report);
		}
	}

	/** Runs a command in tools/spectral; a non-zero exit only matters to the caller's assertions. */
	private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		Path log = Files.createTempFile("spectral", ".log");
		Process process = new ProcessBuilder(command).directory(tools.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			assertThat(finished).as("%s finished within %d s; output: %s", command, timeoutSeconds,
					Files.readString(log)).isTrue();
			if (command.get(0).equals("npm")) {
				assertThat(process.exitValue()).as("%s output: %s", command, Files.readString(log)).isZero();
			}
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}
}
