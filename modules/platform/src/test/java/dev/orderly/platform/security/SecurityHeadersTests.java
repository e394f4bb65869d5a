package dev.orderly.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers are on every response — success, client error, security rejection — and
 * CORS answers only the configured origins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "orderly.web.cors.allowed-origins=https://shop.example.com")
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ TestTokensConfiguration.class, SecurityHeadersTests.OpenProbe.class })
class SecurityHeadersTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class OpenProbe {

		@Bean
		PublicEndpoints headerProbeEndpoints() {
			return new PublicEndpoints(null, List.of("/api/v1/probe"));
		}
	}

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@LocalServerPort
	int port;

	@Test
	void putsTheSecurityHeadersOnEveryKindOfResponse() {
		assertSecurityHeaders(http.post().uri("/api/v1/probe").header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body("{\"email\":\"a@example.com\",\"quantity\":1}").exchange().expectStatus().isOk());
		assertSecurityHeaders(http.get().uri("/api/v1/probe/me").exchange().expectStatus().isUnauthorized());
		assertSecurityHeaders(http.get().uri("/api/v1/nothing-here")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange().expectStatus().isNotFound());
		assertSecurityHeaders(http.get().uri("/api/v1/probe/admin")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange().expectStatus().isForbidden());
		assertSecurityHeaders(http.get().uri("/api/v1/probe/boom")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange().expectStatus().is5xxServerError());
		assertSecurityHeaders(http.get().uri("/api/v1/probe/tagged")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.header(HttpHeaders.IF_NONE_MATCH, "\"1\"")
			.exchange().expectStatus().isNotModified());
	}

	/**
	 * The headers are written before the request goes on (no response wrapper), so a handler that
	 * sets its own {@code Cache-Control} must replace the default, not add a second one beside it.
	 */
	@Test
	void letsAHandlerReplaceTheDefaultCacheControl() {
		http.get().uri("/api/v1/probe/cacheable")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().values(HttpHeaders.CACHE_CONTROL, values -> assertThat(values).containsExactly("max-age=300, public"))
			.expectHeader().doesNotExist(HttpHeaders.PRAGMA)
			.expectHeader().doesNotExist(HttpHeaders.EXPIRES)
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
		http.get().uri("/api/v1/probe/cacheable")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.header(HttpHeaders.IF_NONE_MATCH, "\"1\"")
			.exchange()
			.expectStatus().isNotModified()
			.expectHeader().values(HttpHeaders.CACHE_CONTROL, values -> assertThat(values).containsExactly("max-age=300, public"));
	}

	private static void assertSecurityHeaders(RestTestClient.ResponseSpec response) {
		response.expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader().values(HttpHeaders.CACHE_CONTROL, values -> assertThat(values).containsExactly("no-store"));
	}

	@Test
	void answersAPreflightFromAnAllowedOrigin() {
		http.options().uri("/api/v1/probe")
			.header(HttpHeaders.ORIGIN, "https://shop.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example.com")
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
	}

	@Test
	void refusesAnOriginThatIsNotAllowed() {
		http.options().uri("/api/v1/probe")
			.header(HttpHeaders.ORIGIN, "https://evil.example.net")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		http.get().uri("/api/v1/probe/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example.net")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void refusesTrace() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/probe"))
				.method(HttpMethod.TRACE.name(), HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isIn(403, 405);
		assertThat(response.body()).doesNotContain("TRACE /api/v1/probe");
	}
}
