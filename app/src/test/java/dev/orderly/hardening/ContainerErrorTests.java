package dev.orderly.hardening;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.orderly.platform.test.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat refuses before Spring sees the request still leaves as the error envelope
 * ({@code application/json}, a code, a request id in the body and in {@code X-Request-Id}), over a
 * raw socket because well-behaved clients refuse to send these requests.
 */
@HostileInputTest
class ContainerErrorTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/users/%2F..%2Fme", "/api/v1/users/a%00b", "/api/v1/products/%zz",
			"/api/v1/../../etc/passwd", "/api/v1/products/..;/..;/x", "/api/v1/products/a%5Cb" })
	void answersMalformedUrlsInTheEnvelope(String target) throws IOException {
		RawHttp.Response response = RawHttp.send(port, "GET " + target + " HTTP/1.1");
		assertThat(response.status()).as(target).isBetween(400, 499);
		assertEnvelope(response);
	}

	@Test
	void answersAnOverlongUrlInTheEnvelope() throws IOException {
		RawHttp.Response response = RawHttp.send(port, "GET /api/v1/products?q=" + "x".repeat(9000) + " HTTP/1.1");
		assertThat(response.status()).isBetween(400, 499);
		assertEnvelope(response);
	}

	@Test
	void answersOversizedAndControlCharacterHeadersInTheEnvelope() throws IOException {
		for (String header : new String[] { "X-Big: " + "y".repeat(9000), "X-Ctl: a\u0001b", "X-Nul: a\u0000b",
				"X-Bad Name: z" }) {
			RawHttp.Response response = RawHttp.send(port, "GET /api/v1/products HTTP/1.1\r\n" + header);
			assertThat(response.status()).as(header.substring(0, 6)).isBetween(400, 499);
			assertEnvelope(response);
		}
	}

	@Test
	void answersTraceInTheEnvelopeWithARequestId() throws IOException {
		RawHttp.Response response = RawHttp.send(port, "TRACE /api/v1/products HTTP/1.1\r\nX-Secret: must-not-be-echoed");
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.body()).doesNotContain("must-not-be-echoed");
		assertEnvelope(response);
	}

	@Test
	void keepsASaneClientRequestIdOnContainerErrors() throws IOException {
		RawHttp.Response response = RawHttp.send(port, "GET /api/v1/users/a%00b HTTP/1.1\r\nX-Request-Id: trace-me-42");
		assertEnvelope(response);
		assertThat(response.header("X-Request-Id")).isEqualTo("trace-me-42");
	}

	static void assertEnvelope(RawHttp.Response response) {
		assertThat(response.header("Content-Type")).as("content type of a %d", response.status())
			.startsWith("application/json");
		JsonNode error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("code").asString()).isNotBlank();
		assertThat(error.path("message").asString()).isNotBlank();
		assertThat(error.path("requestId").asString()).isNotBlank().isEqualTo(response.header("X-Request-Id"));
		assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("<html").doesNotContain("Exception");
		// the security headers of every response, also on what Tomcat answers itself (issue 32)
		assertThat(response.header("X-Content-Type-Options")).as("nosniff on a %d", response.status()).isEqualTo("nosniff");
		assertThat(response.header("Cache-Control")).as("no-store on a %d", response.status()).contains("no-store");
		assertThat(response.header("X-Frame-Options")).as("DENY on a %d", response.status()).isEqualTo("DENY");
	}
}
