package dev.orderly.hardening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own configuration (application.yml) over real HTTP: security headers,
 * body size limit, TRACE, CORS closed by default, virtual threads.
 */
@HardeningTest
class HttpHardeningTests {

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	WebServerApplicationContext context;

	@LocalServerPort
	int port;

	@Test
	void putsSecurityHeadersAndNoStoreOnUserDataResponses() {
		http.get().uri(HardeningProbes.BASE + "/me")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"))
			.expectHeader().exists("X-Request-Id");
	}

	@Test
	void relaxesTheContentSecurityPolicyForSwaggerUiOnly() {
		http.get().uri("/swagger-ui/index.html")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-eval"))
			.expectHeader().valueEquals("X-Frame-Options", "DENY");
		http.get().uri("/v3/api-docs")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
	}

	@Test
	void refusesBodiesOverTheConfiguredLimitWith413() {
		String big = "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(1_100_000) + "\"}";
		http.post().uri(HardeningProbes.BASE + "/sign-in")
			.contentType(MediaType.APPLICATION_JSON)
			.body(big)
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody().jsonPath("$.error.code").isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	void refusesTraceInTheErrorEnvelope() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + HardeningProbes.BASE + "/static"))
				.method("TRACE", HttpRequest.BodyPublishers.noBody())
				.header("X-Secret", "must-not-be-echoed")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"").doesNotContain("must-not-be-echoed");
		for (Connector connector : ((TomcatWebServer) context.getWebServer()).getTomcat().getService().findConnectors()) {
			assertThat(connector.getAllowTrace()).isFalse();
		}
	}

	@Test
	void servesRequestsOnVirtualThreads() {
		http.get().uri(HardeningProbes.BASE + "/thread")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data").isEqualTo(true);
	}

	@Test
	void allowsNoCrossOriginCallerByDefault() {
		http.options().uri(HardeningProbes.BASE + "/static")
			.header(HttpHeaders.ORIGIN, "https://anywhere.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		http.get().uri(HardeningProbes.BASE + "/static")
			.header(HttpHeaders.ORIGIN, "https://anywhere.example.com")
			.exchange()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}
}
