package dev.orderly.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.orderly.OrderlyApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance of the application in a child JVM of its own — the same {@code java} that runs the
 * tests, the test class path, loopback only — for tests that kill it for real with SIGKILL
 * ({@link Process#destroyForcibly()}). Its output goes to {@code target/crash-tests/<name>.log}.
 * A child halts by itself when the test JVM that started it is gone, so none outlives a test run.
 */
final class ChildInstance implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path DIRECTORY = Path.of("target", "crash-tests");

	final String name;

	final int port;

	final Path log;

	private final Process process;

	private ChildInstance(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/** Starts an instance with the given properties (command-line arguments, they win over application.yml) and waits until it is ready. */
	static ChildInstance start(String name, Map<String, String> properties) {
		try {
			Files.createDirectories(DIRECTORY);
			int port = freePort();
			Path log = DIRECTORY.resolve(name + ".log");
			Path arguments = DIRECTORY.resolve(name + ".args");
			// the class path is long: an argument file keeps it off the command line
			Files.writeString(arguments, String.join("\n", quoted("-cp"), quoted(System.getProperty("java.class.path")),
					quoted("-XX:TieredStopAtLevel=1"), quoted("-XX:+UseSerialGC"), quoted("-Xmx384m"),
					quoted(ChildInstance.class.getName())), StandardCharsets.UTF_8);
			List<String> command = new ArrayList<>(List.of(java(), "@" + arguments.toAbsolutePath()));
			command.add("--server.port=" + port);
			command.add("--server.address=127.0.0.1");
			properties.forEach((key, value) -> command.add("--" + key + "=" + value));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ChildInstance child = new ChildInstance(name, port, log, process);
			try {
				child.awaitReady();
			}
			catch (RuntimeException | Error ex) {
				child.close();
				throw ex;
			}
			return child;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The JVM's own {@code java} launcher. */
	private static String java() {
		return ProcessHandle.current().info().command().orElseThrow();
	}

	private static String quoted(String argument) {
		return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		await("readiness of " + name).dontCatchUncaughtExceptions().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
			}
			try {
				return http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	/**
	 * One JSON request to this instance over loopback, bounded to 10 s.
	 * @param token the {@code Authorization} header value ({@code Bearer …}), or {@code null}
	 * @param body the JSON body, or {@code null} for none
	 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
	 */
	HttpResponse<String> send(String method, String path, String token, String body, String idempotencyKey)
			throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", token);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/** Logs in through this instance; the {@code Authorization} header value for the access token. */
	String login(String email, String password) throws IOException {
		HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
				JSON.writeValueAsString(Map.of("email", email, "password", password)), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return "Bearer " + JSON.readTree(response.body()).at("/data/accessToken").asString();
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** SIGKILL: no shutdown hook, no graceful shutdown, connections cut by the kernel. */
	void kill() {
		process.destroyForcibly();
		try {
			process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String output() {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			kill();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The child's main: the application, with the test classes on its class path kept out of its component scan. */
	public static void main(String[] args) {
		ProcessHandle.current().parent()
			.ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
		new SpringApplicationBuilder(OrderlyApplication.class)
			.initializers(ctx -> ctx.getBeanFactory().registerSingleton("excludeTestClasses",
					new SecondInstance.ExcludeTestClasses()))
			.run(args);
	}
}
