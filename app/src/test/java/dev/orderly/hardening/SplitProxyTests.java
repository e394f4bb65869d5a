package dev.orderly.hardening;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The split profile's real reverse proxy configuration ({@code compose/split-proxy.conf}, run by a
 * real nginx on loopback) in front of an instance that trusts the proxy's address, as
 * docker-compose.yml wires them: a client that writes its own {@code X-Forwarded-For} does not
 * escape the login limits (issue 32, docs/adr/0034). nginx is required: {@code .ci/run} installs it
 * (Debian's {@code nginx-light}); without it this test fails, it is never skipped.
 */
@HardeningTest
class SplitProxyTests {

	@Autowired
	DataSource dataSource;

	@TempDir
	Path work;

	@Test
	void aSpoofedForwardedForDoesNotEscapeTheLoginLimitsBehindTheShippedProxy() throws Exception {
		Map<String, String> limits = Map.of("orderly.web.trusted-proxies", "127.0.0.1,::1",
				"orderly.rate-limit.login.capacity", "8", "orderly.rate-limit.login.window", "1h",
				"orderly.rate-limit.login-account.capacity", "3", "orderly.rate-limit.login-account.window", "1h");
		try (SecondInstance app = SecondInstance.start(SecondInstance.Database.of(dataSource), limits)) {
			int proxyPort = freeLoopbackPort();
			Process nginx = startNginx(app.port(), proxyPort);
			try {
				awaitListening(proxyPort, nginx);
				HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
				URI login = URI.create("http://127.0.0.1:" + proxyPort + "/api/v1/auth/login");

				// one account, a new made-up client address with every guess: limited after 3 failures
				String victim = "victim-" + UUID.randomUUID() + "@example.com";
				List<Integer> perAccount = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					perAccount.add(login(http, login, victim, randomAddress()).statusCode());
				}
				assertThat(perAccount).containsExactly(401, 401, 401, 429, 429);

				// a new account and a new made-up address each time: the per-address limit still holds,
				// because the proxy replaced the header with the client's real address (5 of 8 are spent)
				List<HttpResponse<String>> perAddress = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					perAddress.add(login(http, login, "someone-" + UUID.randomUUID() + "@example.com", randomAddress()));
				}
				assertThat(perAddress).extracting(HttpResponse::statusCode).containsExactly(401, 401, 401, 429);
				assertThat(perAddress.get(3).headers().firstValue("RateLimit-Policy")).get().asString()
					.contains("\"login\";q=8;w=3600");
				assertThat(perAddress.get(3).body()).contains("RATE_LIMITED");

				// the proxy's own errors are in the error envelope too (issue 28)
				URI products = URI.create("http://127.0.0.1:" + proxyPort + "/api/v1/products");
				assertProxyEnvelope(http.send(HttpRequest.newBuilder(products).method("TRACE", HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString()), 405, "METHOD_NOT_ALLOWED");
				assertProxyEnvelope(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/api/v1/users"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024]))
					.build(), HttpResponse.BodyHandlers.ofString()), 413, "PAYLOAD_TOO_LARGE");
				app.close(); // the instance goes away: the proxy answers for it
				HttpResponse<String> gone = http.send(HttpRequest.newBuilder(products).build(),
						HttpResponse.BodyHandlers.ofString());
				assertProxyEnvelope(gone, 502, "SERVICE_UNAVAILABLE");
				assertThat(gone.headers().firstValue("Retry-After")).hasValue("1");
			}
			finally {
				nginx.destroy();
				if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
					nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
		}
	}

	private static void assertProxyEnvelope(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"requestId\":\"" + requestId + "\"")
			.doesNotContain("<html").doesNotContain("nginx");
	}

	private static HttpResponse<String> login(HttpClient http, URI login, String email, String forwardedFor)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"not-the-password\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The shipped server block, unchanged but for where it listens and where its upstreams are
	 * (compose's service names become this test's instance), inside a minimal main configuration.
	 */
	private Process startNginx(int appPort, int proxyPort) throws IOException {
		String shipped = Files.readString(RepositoryFiles.root().resolve("compose/split-proxy.conf"), StandardCharsets.UTF_8);
		String server = shipped.replaceAll("server (api-1|api-2|notifications):8080;", "server 127.0.0.1:" + appPort + ";")
			.replace("listen 8080;", "listen 127.0.0.1:" + proxyPort + ";");
		assertThat(server).as("the shipped configuration has the upstreams and the listener this test rewrites")
			.doesNotContain("api-1:8080", "notifications:8080", "listen 8080;");
		Files.writeString(work.resolve("split-proxy.conf"), server);
		Files.createDirectories(work.resolve("logs"));
		Files.writeString(work.resolve("nginx.conf"), """
				worker_processes 1;
				daemon off;
				pid %1$s/nginx.pid;
				error_log %1$s/logs/error.log warn;
				events { worker_connections 64; }
				http {
				    access_log off;
				    client_body_temp_path %1$s/body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;
				    include %1$s/split-proxy.conf;
				}
				""".formatted(work));
		return new ProcessBuilder(nginx(), "-p", work.toString(), "-c", work.resolve("nginx.conf").toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("logs/stdout.log").toFile())
			.start();
	}

	private static String nginx() {
		for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/bin/nginx",
				"/usr/bin/nginx", "/opt/homebrew/bin/nginx")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return fail("nginx is required for this test (it runs compose/split-proxy.conf for real) and was not found: "
				+ "install it (Debian/Ubuntu: apt-get install -y nginx-light; .ci/run does this)");
	}

	private void awaitListening(int port, Process nginx) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			if (!nginx.isAlive()) {
				fail("nginx exited with " + nginx.exitValue() + ": " + Files.readString(work.resolve("logs/stdout.log"))
						+ Files.readString(work.resolve("logs/error.log")));
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(50);
			}
		}
		fail("nginx did not listen on 127.0.0.1:" + port + " within 15 s");
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "203.0.113." + random.nextInt(1, 255);
	}
}
