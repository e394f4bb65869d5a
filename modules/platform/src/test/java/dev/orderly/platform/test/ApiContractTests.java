package dev.orderly.platform.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared response validator fails on drift and passes what the contract describes. */
class ApiContractTests {

	static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
			"ETag", List.of("\"1\""));

	@Test
	void acceptsAResponseTheContractDescribes() {
		assertThatCode(() -> ApiContract.assertConforms("GET", "/api/v1/orders/0190c6f5-8a5e-7cc0-9a8e-2f1a1f1b1c1d", 404,
				JSON, bytes("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Resource not found\",\"details\":[],"
						+ "\"requestId\":\"abc\"}}")))
			.doesNotThrowAnyException();
	}

	@Test
	void rejectsAnUndeclaredErrorCode() {
		assertThatThrownBy(() -> ApiContract.assertConforms("GET", "/api/v1/orders/0190c6f5-8a5e-7cc0-9a8e-2f1a1f1b1c1d",
				404, JSON, bytes("{\"error\":{\"code\":\"GONE_FISHING\",\"message\":\"x\",\"details\":[],"
						+ "\"requestId\":\"abc\"}}")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("GONE_FISHING");
	}

	@Test
	void rejectsAMissingFieldAndAnUndeclaredStatus() {
		assertThatThrownBy(() -> ApiContract.assertConforms("GET", "/api/v1/products/ABC", 200, JSON,
				bytes("{\"data\":{\"sku\":\"ABC\"}}")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("name");
		assertThatThrownBy(() -> ApiContract.assertConforms("GET", "/api/v1/products/ABC", 418, JSON, bytes("{}")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("418");
	}

	@Test
	void leavesPathsOutsideTheContractAlone() {
		assertThatCode(() -> ApiContract.assertConforms("GET", "/api/v1/probe/me", 200, JSON, bytes("{\"any\":1}")))
			.doesNotThrowAnyException();
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}
}
