package dev.orderly.readme;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;
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

import dev.orderly.platform.test.TestDatabaseConfiguration;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.support.AppTokensConfiguration;
import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Try it in two minutes" and "Receive webhooks" sections, run as written: every
 * {@code bash} block of each, in order, in one bash session, against the application configured as
 * the section's start command starts it (no SMTP settings, so the development mailbox; demo data on;
 * private webhook targets allowed and a first administrator), with {@code localhost:8080} replaced by
 * the test port and the webhook receiver's port 9000 by a free one. The start commands are {@code sh}
 * blocks and are not run. Loopback only, bounded in time; the shell and everything it started (the
 * receiver too) are stopped at the end, also on failure. Its context starts on an empty database of
 * its own, as the reader's first start does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// what a newcomer has: no mail server configured, so the development mailbox (which the README's
		// start command and ./orderly run switch on), demo data asked for
		"spring.mail.host=", "orderly.notifications.dev-mailbox=true", "orderly.demo-data.enabled=true",
		// what "Receive webhooks" adds: ORDERLY_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true and its first administrator
		"orderly.webhooks.allow-private-targets=true", "orderly.users.admin.email=admin@example.com",
		"orderly.users.admin.password=admin-walkthrough-2026",
		// a newcomer's first start: an empty database, where this administrator is the first (in a JVM
		// shared with other contexts, theirs would exist already and this one never be created)
		TestDatabaseConfiguration.OWN_DATABASE + "=true" })
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@WithTestDatabase
@Import(AppTokensConfiguration.class)
class ReadmeWalkthroughTests {

	static final String SECTION = "## Try it in two minutes";

	static final String WEBHOOKS_SECTION = "## Receive webhooks";

	static final String WEBHOOKS_START = """
			ORDERLY_DEV_MAILBOX=true ORDERLY_DEMO_DATA=true ORDERLY_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true \\
			  ORDERLY_ADMIN_EMAIL=admin@example.com ORDERLY_ADMIN_PASSWORD=admin-walkthrough-2026 ./orderly run""";

	static final Duration TIME_LIMIT = Duration.ofSeconds(150);

	/**
	 * What {@link #bash} puts before every script: strict mode, and on every exit, a failed block's too,
	 * the script's background jobs stopped (once it has exited they are no longer its descendants, so
	 * {@link #stop} could not reach them).
	 */
	private static final String PROLOGUE = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n";

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
		List<String> blocks = bashBlocks(readmeSection(SECTION));
		assertThat(blocks).as("bash blocks under " + SECTION).hasSizeGreaterThanOrEqualTo(5);

		StringBuilder script = new StringBuilder();
		for (int i = 0; i < blocks.size(); i++) {
			script.append(blocks.get(i).replace("localhost:8080", "127.0.0.1:" + port))
				.append("\necho '[README block ").append(i + 1).append(" OK]'\n");
		}
		assertThat(URL.matcher(script).results().map(MatchResult::group))
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
	void receiveWebhooksCommandsSucceedAsWritten() throws Exception {
		String section = readmeSection(WEBHOOKS_SECTION);
		assertThat(section).as("the start command this test's properties mirror").contains(WEBHOOKS_START);
		List<String> blocks = bashBlocks(section);
		assertThat(blocks).as("bash blocks under " + WEBHOOKS_SECTION).hasSizeGreaterThanOrEqualTo(4);
		assertThat(blocks.get(0)).startsWith("PORT=9000\n");
		int receiverPort;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			receiverPort = free.getLocalPort();
		}
		StringBuilder script = new StringBuilder();
		for (int i = 0; i < blocks.size(); i++) {
			script.append(blocks.get(i).replace("localhost:8080", "127.0.0.1:" + port)
				.replace("PORT=9000\n", "PORT=" + receiverPort + "\n"))
				.append("\necho '[README block ").append(i + 1).append(" OK]'\n");
		}
		assertThat(URL.matcher(script).results().map(MatchResult::group))
			.as("the walkthrough talks to the application under test and the receiver it started only")
			.allMatch(url -> url.equals("http://127.0.0.1:" + port) || url.equals("http://127.0.0.1:"));

		Run run = bash(script.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		for (int i = 0; i < blocks.size(); i++) {
			assertThat(run.output()).contains("[README block " + (i + 1) + " OK]");
		}
		assertThat(run.output()).as("what the walkthrough shows")
			.contains("\"secret\":\"whsec_")
			.contains("\"type\":\"order.placed\"")
			.contains("\"sku\":\"FILTER-PAPERS\"")
			.contains("signature verified: msg_")
			.contains("\"eventType\":\"order.placed\"");
	}

	@Test
	void theStartCommandSwitchesTheDevelopmentMailboxOnExplicitly() throws IOException {
		assertThat(readmeSection(SECTION)).contains("ORDERLY_DEV_MAILBOX=true ORDERLY_DEMO_DATA=true ./orderly run");
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

	@Test
	void aScriptThatFailsLeavesNoProcessBehind() throws Exception {
		Run run = bash("sleep 120 &\necho \"receiver $!\"\nfalse\necho unreachable\n");

		assertThat(run.exitCode()).as(run.output()).isNotZero();
		assertThat(run.output()).doesNotContain("unreachable").doesNotContain("output not read");
		long receiver = Long.parseLong(run.output().replaceAll("(?s).*receiver (\\d+).*", "$1"));
		ProcessHandle.of(receiver).ifPresent(left -> assertThat(left.onExit())
			.as("the background job of the failed script").succeedsWithin(Duration.ofSeconds(5)));
	}

	static String readmeSection(String heading) throws IOException {
		String readme = Files.readString(RepositoryFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
		int start = readme.indexOf("\n" + heading + "\n");
		assertThat(start).as("README.md has a section " + heading).isNotNegative();
		int end = readme.indexOf("\n## ", start + heading.length() + 1);
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

	/**
	 * Runs the script with bash after the {@link #PROLOGUE}, stdout and stderr together; stops it and its
	 * children after the time limit.
	 */
	static Run bash(String script) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", PROLOGUE + script).redirectErrorStream(true).start();
		try {
			// On a thread of its own, not the common pool's: a process that outlives the script (a
			// receiver it started and could not stop) keeps the pipe open and this read blocked, on the
			// common pool's only worker on 2 cores; the next test's request then hung (ADR 0047).
			CompletableFuture<String> output = new CompletableFuture<>();
			Thread.ofPlatform().daemon().name("readme-walkthrough-output").start(() -> {
				try {
					output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					output.complete("(output unreadable: " + ex + ")");
				}
			});
			boolean finished = process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
			if (!finished) {
				stop(process);
				return new Run(-1, "timed out after " + TIME_LIMIT + ":\n" + output.getNow(""));
			}
			return new Run(process.exitValue(), output.get(10, TimeUnit.SECONDS));
		}
		catch (ExecutionException | TimeoutException ex) {
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
