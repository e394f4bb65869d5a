package dev.orderly.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.support.AppTokensConfiguration;
import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Try it in two minutes" section, run as written: every {@code bash} block of it, in
 * order, in one bash session, against the application configured as a newcomer runs it (no SMTP
 * settings, so the development mailbox; demo data on), with {@code localhost:8080} replaced by the
 * test port. The start command is a {@code sh} block and is not run. Loopback only, bounded in
 * time; the shell and everything it started are stopped at the end, also on failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// what a newcomer has: no mail server configured, so the development mailbox (which the README's
		// start command and ./orderly run switch on), demo data asked for
		"spring.mail.host=", "orderly.notifications.dev-mailbox=true", "orderly.demo-data.enabled=true" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@WithTestDatabase
@Import(AppTokensConfiguration.class)
class ReadmeWalkthroughTests {

	static final String SECTION = "## Try it in two minutes";

	static final Duration TIME_LIMIT = Duration.ofSeconds(150);

	private static final Pattern BASH_BLOCK = Pattern.compile("(?ms)^```bash\\n(.*?)^```$");

	private static final Pattern URL = Pattern.compile("https?://[^/\\s\"'$]+");

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	ApplicationContext context;

	@Test
	void walkthroughCommandsSucceedAsWritten() throws Exception {
		List<String> blocks = bashBlocks(readmeSection());
		assertThat(blocks).as("bash blocks under " + SECTION).hasSizeGreaterThanOrEqualTo(5);

		StringBuilder script = new StringBuilder("set -euo pipefail\n");
		for (int i = 0; i < blocks.size(); i++) {
			script.append(blocks.get(i).replace("localhost:8080", "127.0.0.1:" + port))
				.append("\necho '[README block ").append(i + 1).append(" OK]'\n");
		}
		assertThat(URL.matcher(script).results().map(java.util.regex.MatchResult::group))
			.as("the walkthrough talks to the application under test only")
			.allMatch(url -> url.equals("http://127.0.0.1:" + port));

		Run run = bash(script.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		for (int i = 0; i < blocks.size(); i++) {
			assertThat(run.output()).contains("[README block " + (i + 1) + " OK]");
		}
		assertThat(run.output()).as("what the walkthrough shows")
			.contains("\"emailVerified\":true")
			.contains("\"sku\":\"COFFEE-BEANS-1KG\"")
			.contains("\"status\":\"PLACED\"")
			.contains("ORDER_PLACED")
			.contains("authorize with: ey")
			.contains("\"email\":\"ada@example.com\"");
	}

	@Test
	void theStartCommandSwitchesTheDevelopmentMailboxOnExplicitly() throws IOException {
		assertThat(readmeSection()).contains("ORDERLY_DEV_MAILBOX=true ORDERLY_DEMO_DATA=true ./orderly run");
	}

	@Test
	void healthIsDegradedWhileMailGoesToTheDevelopmentMailbox() {
		http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		http.get().uri("/actuator/health")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.forUser(UUID.randomUUID(), "ADMIN"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("DEGRADED")
			.jsonPath("$.components.mail.status").isEqualTo("DEGRADED")
			.jsonPath("$.components.mail.details.delivery").value(String.class,
					delivery -> assertThat(delivery).contains("development mailbox"));
	}

	@Test
	void demoDataIsSeededOnceHoweverOftenTheApplicationStarts() throws Exception {
		ApplicationArguments none = new DefaultApplicationArguments();
		for (ApplicationRunner runner : context.getBeansOfType(ApplicationRunner.class).values()) {
			if (runner.getClass().getSimpleName().startsWith("Demo")) {
				runner.run(none); // as on a restart
			}
		}

		String user = "Bearer " + tokens.forUser(UUID.randomUUID());
		http.get().uri("/api/v1/products?limit=100").header(HttpHeaders.AUTHORIZATION, user).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[?(@.sku == 'COFFEE-BEANS-1KG')]").value(List.class, found -> assertThat(found).hasSize(1))
			.jsonPath("$.data[?(@.sku == 'FILTER-PAPERS')].unitPrice").isEqualTo(List.of(450));
		http.post().uri("/api/v1/auth/login").header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body("{\"email\":\"demo@example.com\",\"password\":\"orderly-demo-walkthrough\"}")
			.exchange()
			.expectStatus().isOk();
	}

	static String readmeSection() throws IOException {
		String readme = Files.readString(RepositoryFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
		int start = readme.indexOf("\n" + SECTION + "\n");
		assertThat(start).as("README.md has a section " + SECTION).isNotNegative();
		int end = readme.indexOf("\n## ", start + SECTION.length() + 1);
		return readme.substring(start, end < 0 ? readme.length() : end);
	}

	static List<String> bashBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = BASH_BLOCK.matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	record Run(int exitCode, String output) {
	}

	/** Runs the script with bash, stdout and stderr together; stops it and its children after the time limit. */
	static Run bash(String script) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
		try {
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
				try {
					return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					return "(output unreadable: " + ex + ")";
				}
			});
			boolean finished = process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
			if (!finished) {
				stop(process);
				return new Run(-1, "timed out after " + TIME_LIMIT + ":\n" + output.getNow(""));
			}
			return new Run(process.exitValue(), output.get(10, TimeUnit.SECONDS));
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			return new Run(-1, "output not read: " + ex);
		}
		finally {
			stop(process);
		}
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}
}
