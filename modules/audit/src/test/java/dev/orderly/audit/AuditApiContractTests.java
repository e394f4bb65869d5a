package dev.orderly.audit;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.ModuleApiCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit module's part of the REST API ({@code docs/openapi.json}, operations tagged audit) stays
 * compatible with its committed baseline {@code src/contract/openapi.json} (openapi-diff;
 * docs/adr/0031).
 */
class AuditApiContractTests {

	@Test
	void operationsStayCompatibleWithTheBaseline() throws Exception {
		assertThat(ModuleApiCompatibility.problems("audit", Set.of("audit"))).isEmpty();
	}
}
