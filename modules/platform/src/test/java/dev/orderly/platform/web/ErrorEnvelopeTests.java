package dev.orderly.platform.web;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure, whoever raises it, leaves as the error envelope with the right status — over
 * real HTTP, so that the servlet container's error dispatch and the security filters take part.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "orderly.web.max-request-size=2KB")
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ TestTokensConfiguration.class, ErrorEnvelopeTests.OpenProbe.class })
class ErrorEnvelopeTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class OpenProbe {

		@Bean
		PublicEndpoints probeEndpoints() {
			return new PublicEndpoints(null, List.of("/api/v1/probe", "/api/v1/probe/page", "/api/v1/probe/boom",
					"/api/v1/probe/database-down", "/api/v1/probe/typed", "/api/v1/probe/since", "/api/v1/probe/header"));
		}
	}

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void echoesValidInputInTheDataEnvelope() {
		http.post().uri("/api/v1/probe").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"a@example.com\",\"quantity\":2,\"tags\":[]}")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().exists(RequestIds.HEADER)
			.expectBody().jsonPath("$.data.email").isEqualTo("a@example.com");
	}

	@Test
	void reportsEachInvalidFieldAsValidationError() {
		http.post().uri("/api/v1/probe").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"not-an-email\",\"quantity\":11}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[?(@.field=='email')].issue").isEqualTo(List.of("email"))
			.jsonPath("$.error.details[?(@.field=='quantity')].issue").isEqualTo(List.of("out_of_range"))
			.jsonPath("$.error.requestId").isNotEmpty();
	}

	@Test
	void rejectsUnknownPropertiesSoNothingCanBeMassAssigned() {
		http.post().uri("/api/v1/probe").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"a@example.com\",\"quantity\":1,\"roles\":[\"ADMIN\"]}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("roles")
			.jsonPath("$.error.details[0].issue").isEqualTo("unknown");
	}

	@Test
	void reportsMalformedJson() {
		http.post().uri("/api/v1/probe").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\": ")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("MALFORMED_REQUEST");
	}

	@Test
	void reportsWrongTypeOfAFieldAsValidationError() {
		http.post().uri("/api/v1/probe").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"a@example.com\",\"quantity\":\"many\"}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("quantity");
	}

	@Test
	void reportsUnsupportedMediaType() {
		http.post().uri("/api/v1/probe").contentType(MediaType.TEXT_PLAIN)
			.body("hello")
			.exchange()
			.expectStatus().isEqualTo(415)
			.expectBody().jsonPath("$.error.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void reportsWrongMethod() {
		http.method(HttpMethod.DELETE).uri("/api/v1/probe")
			.exchange()
			.expectStatus().isEqualTo(405)
			.expectBody().jsonPath("$.error.code").isEqualTo("METHOD_NOT_ALLOWED");
	}

	@Test
	void reportsUnknownRouteToAnAuthenticatedCaller() {
		http.get().uri("/api/v1/no-such-thing")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.code").isEqualTo("NOT_FOUND");
	}

	@Test
	void refusesOversizedBodiesWith413() {
		String big = "{\"email\":\"a@example.com\",\"quantity\":1,\"tags\":[\"" + "x".repeat(4096) + "\"]}";
		http.post().uri("/api/v1/probe").contentType(MediaType.APPLICATION_JSON)
			.body(big)
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody().jsonPath("$.error.code").isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	void hidesUnexpectedExceptionsBehindAGenericMessage() {
		String body = http.get().uri("/api/v1/probe/boom")
			.exchange()
			.expectStatus().isEqualTo(500)
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(body).contains("INTERNAL_ERROR")
			.doesNotContain("secret", "select", "IllegalStateException", "at dev.orderly");
	}

	@Test
	void turnsAnUnreachableDatabaseInto503WithRetryAfter() {
		http.get().uri("/api/v1/probe/database-down")
			.exchange()
			.expectStatus().isEqualTo(503)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody().jsonPath("$.error.code").isEqualTo("SERVICE_UNAVAILABLE");
	}

	@Test
	void requiresAuthenticationInTheEnvelope() {
		http.get().uri("/api/v1/probe/me")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHENTICATED");
	}

	@Test
	void rejectsAnInvalidTokenAsInvalidToken() {
		http.get().uri("/api/v1/probe/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt")
			.exchange()
			.expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_TOKEN");
	}

	@Test
	void neverTakesATokenFromTheQueryString() {
		http.get().uri("/api/v1/probe/me?access_token=" + tokens.forUser(UUID.randomUUID()))
			.exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void resolvesTheCurrentUserFromTheToken() {
		UUID id = UUID.randomUUID();
		http.get().uri("/api/v1/probe/me")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(id))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data").isEqualTo(id.toString());
	}

	@Test
	void forbidsAUserFromAnAdminEndpoint() {
		http.get().uri("/api/v1/probe/admin")
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID(), "USER"))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
	}

	@Test
	void echoesASaneRequestIdAndReplacesAnInsaneOne() {
		http.get().uri("/api/v1/probe/boom").header(RequestIds.HEADER, "abc-123")
			.exchange()
			.expectHeader().valueEquals(RequestIds.HEADER, "abc-123")
			.expectBody().jsonPath("$.error.requestId").isEqualTo("abc-123");
		String generated = http.get().uri("/api/v1/probe/boom").header(RequestIds.HEADER, "bad id <script>" + "x".repeat(80))
			.exchange()
			.returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
		assertThat(generated).doesNotContain("bad").hasSize(36);
	}

	@Test
	void validatesPageLimitAndCursor() {
		http.get().uri("/api/v1/probe/page?limit=101")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("limit");
		http.get().uri("/api/v1/probe/page?cursor=garbage!")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("cursor");
		http.get().uri("/api/v1/probe/page?limit=abc")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
	}
}
