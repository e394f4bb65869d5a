package dev.orderly.notifications.events;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.contract.ContractCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events notifications accepts stay compatible with their committed baselines
 * ({@code src/contract/baseline}): a removed, renamed or retyped field or a new required one fails
 * here, naming the modules that publish or read it, unless it ships as a new version (docs/adr/0031).
 */
class NotificationsEventsContractTests {

	@Test
	void eventsStayCompatibleWithTheirBaselines() throws Exception {
		ContractCompatibility.Findings findings = ContractCompatibility.ofThisModule()
			.check(ContractCompatibility.eventsOf("notifications"));
		findings.notices().forEach(System.out::println);
		assertThat(findings.problems()).as("breaking changes to the notifications events:%n%s", findings.message())
			.isEmpty();
	}
}
