package dev.orderly.auth;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.ModuleApiCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth module's part of the REST API ({@code docs/openapi.json}, operations tagged auth, well-known)
 * stays compatible with its committed baseline {@code src/contract/openapi.json} (openapi-diff;
 * docs/adr/0031).
 */
class AuthApiContractTests {

	@Test
	void operationsStayCompatibleWithTheBaseline() throws Exception {
		assertThat(ModuleApiCompatibility.problems("auth", Set.of("auth", "well-known"))).isEmpty();
	}
}
