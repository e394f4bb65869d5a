package dev.orderly.hardening;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every operation documents the standard error responses and its security: bearer JWT, or none
 * for a public endpoint. Checked on the probe endpoints, which this context has.
 */
@HardeningTest
class OpenApiCustomizerTests {

	@Autowired
	RestTestClient http;

	@Test
	void addsTheStandardErrorResponsesToEveryOperation() {
		RestTestClient.BodyContentSpec spec = http.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody();
		for (String operation : List.of("$.paths['/api/v1/hardening-probe/me'].get",
				"$.paths['/api/v1/hardening-probe/sign-in'].post")) {
			spec.jsonPath(operation + ".responses.200").exists();
			for (String[] error : new String[][] { { "400", "BadRequest" }, { "401", "Unauthenticated" },
					{ "404", "NotFound" }, { "406", "NotAcceptable" }, { "429", "TooManyRequests" },
					{ "500", "InternalError" }, { "503", "ServiceUnavailable" } }) {
				spec.jsonPath(operation + ".responses." + error[0] + ".$ref")
					.isEqualTo("#/components/responses/" + error[1]);
			}
		}
		// A role check can only refuse a caller that needs a token: public operations have no 403.
		spec.jsonPath("$.paths['/api/v1/hardening-probe/me'].get.responses.403.$ref")
			.isEqualTo("#/components/responses/Forbidden")
			.jsonPath("$.paths['/api/v1/hardening-probe/sign-in'].post.responses.403").doesNotExist();
		spec.jsonPath("$.components.responses.TooManyRequests.headers.Retry-After").exists()
			.jsonPath("$.components.responses.TooManyRequests.headers.RateLimit").exists()
			.jsonPath("$.components.responses.ServiceUnavailable.headers.Retry-After").exists()
			.jsonPath("$.components.schemas.TooManyRequestsError.properties.error.$ref")
			.isEqualTo("#/components/schemas/TooManyRequestsErrorBody")
			.jsonPath("$.components.schemas.TooManyRequestsErrorBody.properties.code.enum[0]").isEqualTo("RATE_LIMITED");
	}

	@Test
	void doesNotMistakeTheCallerForARequestParameter() {
		http.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/hardening-probe/me'].get").exists()
			.jsonPath("$.paths['/api/v1/hardening-probe/me'].get.parameters").doesNotExist()
			.jsonPath("$.components.schemas.CurrentUser").doesNotExist();
	}

	@Test
	void marksPublicOperationsAsNeedingNoToken() {
		http.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.security[0].bearerAuth").isArray()
			.jsonPath("$.paths['/api/v1/hardening-probe/sign-in'].post.security").isEmpty()
			.jsonPath("$.paths['/api/v1/hardening-probe/me'].get.security").doesNotExist();
	}
}
