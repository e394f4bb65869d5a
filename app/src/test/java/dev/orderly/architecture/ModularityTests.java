package dev.orderly.architecture;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;

import dev.orderly.OrderlyApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules, checked by Spring Modulith on the code as it is: every module depends only on
 * what its {@code package-info} allows (the published {@code api} and {@code events} named
 * interfaces of others, and the shared kernel), there are no cycles, and the dependencies follow
 * the target graph of {@code docs/architecture.md}.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(OrderlyApplication.class);

	@Test
	void verifiesModuleBoundaries() {
		MODULES.verify();
	}

	@Test
	void detectsTheFiveBoundedContextsAndTheSharedKernel() {
		assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.containsExactlyInAnyOrder("platform", "users", "auth", "orders", "notifications", "webhooks");
	}

	/** The target graph: users → platform; auth → users; orders, notifications, webhooks → events only. */
	@Test
	void dependsOnlyAlongTheTargetGraph() {
		Map<String, Set<String>> actual = new TreeMap<>();
		for (ApplicationModule module : MODULES) {
			Set<String> targets = new TreeSet<>();
			module.getDirectDependencies(MODULES)
				.stream()
				.map(ApplicationModuleDependency::getTargetModule)
				.map(target -> target.getIdentifier().toString())
				.filter(target -> !target.equals("platform"))
				.forEach(targets::add);
			actual.put(module.getIdentifier().toString(), targets);
		}
		assertThat(actual).containsEntry("platform", Set.of())
			.containsEntry("users", Set.of())
			.hasEntrySatisfying("auth", targets -> assertThat(targets).isSubsetOf("users"))
			.hasEntrySatisfying("orders", targets -> assertThat(targets).isSubsetOf("users"))
			.hasEntrySatisfying("notifications",
					targets -> assertThat(targets).isSubsetOf("users", "auth", "orders"))
			.containsEntry("webhooks", Set.of("orders"));
	}
}
