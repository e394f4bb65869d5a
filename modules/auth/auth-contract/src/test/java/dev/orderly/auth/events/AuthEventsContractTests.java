package dev.orderly.auth.events;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.contract.ContractCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth module's integration events stay compatible with their committed baselines
 * ({@code src/contract/baseline}): a removed, renamed or retyped field or a new required one fails
 * here, in the owning module's build, naming the modules that read it, unless it ships as a new
 * version that still reads the previous one (docs/adr/0031).
 */
class AuthEventsContractTests {

	@Test
	void eventsStayCompatibleWithTheirBaselines() throws Exception {
		ContractCompatibility.Findings findings = ContractCompatibility.ofThisModule()
			.check(ContractCompatibility.eventsOf("auth"));
		findings.notices().forEach(System.out::println);
		assertThat(findings.problems()).as("breaking changes to the auth events:%n%s", findings.message()).isEmpty();
	}
}
