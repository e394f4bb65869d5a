package dev.orderly.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (the binary on the {@code PATH}, or {@code ORDERLY_PROMETHEUS_BINARY}),
 * started for a test to scrape one target every second. Its OpenMetrics parser is the strictest
 * check of a scrape there is: it is what drops a scrape in production. CI installs Debian 12's
 * package (Prometheus 2.42, the oldest an operator is likely to have; {@code .ci/run}); without the
 * binary the tests fail and say how to install it.
 */
final class RealPrometheus implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path directory;

	private final HttpClient client = HttpClient.newHttpClient();

	private final long started = System.nanoTime();

	private RealPrometheus(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/** Starts Prometheus scraping {@code http://127.0.0.1:<targetPort><path>} as job {@code orderly}. */
	static RealPrometheus scraping(int targetPort, String path) throws IOException {
		String binary = binary();
		Path directory = Files.createTempDirectory("orderly-prometheus");
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				scrape_configs:
				  - job_name: orderly
				    metrics_path: %s
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(path, targetPort));
		int port = freePort();
		Process process = new ProcessBuilder(binary, "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		return new RealPrometheus(process, port, directory);
	}

	/** The version line of the binary, e.g. {@code prometheus, version 2.42.0+ds (...)}. */
	static String version() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(binary(), "--version").redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes());
		process.waitFor(10, TimeUnit.SECONDS);
		return out.lines().findFirst().orElse("");
	}

	/** The target after three seconds of scrapes: its health ({@code up}/{@code down}) and last error. */
	Target targetAfterScrapes() {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			String json = get("/api/v1/targets?state=active");
			List<String> health = JsonPath.read(json, "$.data.activeTargets[*].health");
			if (health.size() != 1 || "unknown".equals(health.get(0))) {
				return null;
			}
			List<String> error = JsonPath.read(json, "$.data.activeTargets[*].lastError");
			return new Target(health.get(0), error.get(0));
		}, target -> target != null && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(3));
	}

	/** The value of the instant query {@code query} as a string, or null when it has no result. */
	String queryValue(String query) throws IOException, InterruptedException {
		String json = get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		List<List<Object>> values = JsonPath.read(json, "$.data.result[*].value");
		return values.isEmpty() ? null : String.valueOf(values.get(0).get(1));
	}

	private String get(String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	@Override
	public void close() throws IOException {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		try (var files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
	}

	private static String binary() {
		String configured = System.getenv("ORDERLY_PROMETHEUS_BINARY");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "prometheus");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException("No Prometheus server binary on the PATH: these tests scrape the application "
				+ "with a real Prometheus. Install Debian 12's (apt-get install prometheus; .ci/run does) or set "
				+ "ORDERLY_PROMETHEUS_BINARY to a prometheus executable.");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Target(String health, String lastError) {
	}
}
