package dev.orderly.platform.web;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.RawHttp;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict JSON and the one rule for untrusted text (ADR 0008, 0016), over real HTTP: duplicate
 * keys, scalar coercion, repeated set items, NUL, unpaired surrogates and bidi controls in bodies,
 * query parameters and headers; instants outside what PostgreSQL stores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ TestTokensConfiguration.class, ErrorEnvelopeTests.OpenProbe.class })
class StrictInputTests {

	@Autowired
	RestTestClient http;

	@LocalServerPort
	int port;

	RestTestClient.ResponseSpec typed(String json) {
		return http.post().uri("/api/v1/probe/typed").contentType(MediaType.APPLICATION_JSON).body(json).exchange();
	}

	@Test
	void acceptsWellTypedJson() {
		typed("{\"quantity\":5,\"active\":true,\"name\":\"Ann \u05D3\u200F\",\"roles\":[\"A\",\"B\"],\"nested\":{\"lines\":[\"x\"]}}")
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.roles").isEqualTo(List.of("A", "B"));
	}

	@Test
	void refusesDuplicateKeys() {
		typed("{\"name\":\"a\",\"name\":\"b\"}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("MALFORMED_REQUEST")
			.jsonPath("$.error.requestId").isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"quantity\":\"5\"}", "{\"quantity\":true}", "{\"quantity\":5.0}", "{\"active\":1}",
			"{\"active\":\"true\"}", "{\"name\":true}", "{\"name\":5}", "{\"name\":1.5}" })
	void refusesScalarCoercion(String json) {
		String field = json.substring(2, json.indexOf('"', 2));
		typed(json)
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo(field);
	}

	@Test
	void refusesRepeatedItemsOfASet() {
		typed("{\"roles\":[\"A\",\"B\",\"A\"]}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("roles")
			.jsonPath("$.error.details[0].issue").isEqualTo("duplicate_items");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\u0000", "\\uD800", "\\uDFFFx", "\\u202E", "\\u202A", "\\u2066", "\\u2069" })
	void refusesUnstorableAndBidiCharactersInEveryBodyStringWithItsPath(String escape) {
		typed("{\"name\":\"a" + escape + "b\"}")
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("name")
			.jsonPath("$.error.requestId").isNotEmpty();
		typed("{\"nested\":{\"lines\":[\"ok\",\"a" + escape + "\"]}}")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("nested.lines[1]");
		typed("{\"roles\":[\"" + escape + "\"]}")
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error.details[0].field").isEqualTo("roles[0]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%00", "%E2%80%AE", "%E2%81%A6" })
	void refusesTheSameInQueryParameters(String encoded) {
		http.get().uri(URI.create("/api/v1/probe/page?cursor=a" + encoded))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("cursor")
			.jsonPath("$.error.requestId").isNotEmpty();
	}

	@Test
	void refusesANulInAHeaderValueInTheEnvelope() throws Exception {
		// Tomcat itself refuses it (the platform's filter would, behind another container): its error
		// report is the envelope too
		RawHttp.Response response = RawHttp.send(port, "GET /api/v1/probe/page HTTP/1.1\r\nX-Note: a\u0000b");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header(RequestIds.HEADER)).isNotBlank();
		assertThat(response.body()).contains("\"code\":\"MALFORMED_REQUEST\"")
			.contains("\"requestId\":\"" + response.header(RequestIds.HEADER) + "\"");
	}

	@Test
	void answersAHeaderTheSecurityFirewallRefusesWith400() throws Exception {
		// a C1 control character: Tomcat passes it, Spring Security's firewall refuses it when it is read
		RawHttp.Response response = RawHttp.send(port, "GET /api/v1/probe/header HTTP/1.1\r\nX-Note: a\u0085b");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"MALFORMED_REQUEST\"")
			.contains("\"requestId\":\"" + response.header(RequestIds.HEADER) + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z", "garbage" })
	void refusesInstantsPostgresqlCannotStore(String instant) {
		http.get().uri("/api/v1/probe/since?after={after}", instant)
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR")
			.jsonPath("$.error.details[0].field").isEqualTo("after");
		http.get().uri("/api/v1/probe/since?after={after}", "2026-11-25T10:00:00Z")
			.exchange()
			.expectStatus().isOk();
	}
}
