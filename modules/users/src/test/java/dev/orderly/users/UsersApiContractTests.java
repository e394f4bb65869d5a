package dev.orderly.users;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.ModuleApiCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users module's part of the REST API ({@code docs/openapi.json}, operations tagged users)
 * stays compatible with its committed baseline {@code src/contract/openapi.json} (openapi-diff;
 * docs/adr/0031).
 */
class UsersApiContractTests {

	@Test
	void operationsStayCompatibleWithTheBaseline() throws Exception {
		assertThat(ModuleApiCompatibility.problems("users", Set.of("users"))).isEmpty();
	}
}
