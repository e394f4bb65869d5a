package dev.orderly.architecture;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
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

	static final Set<String> CONTEXTS = Set.of("users", "auth", "orders", "notifications", "webhooks", "audit");

	/** The rooms of ADR 0030: sub-packages by role, internal to their module. */
	static final Set<String> ROOMS = Set.of("web", "application", "domain", "persistence");

	@Test
	void verifiesModuleBoundaries() {
		MODULES.verify();
	}

	@Test
	void detectsTheFiveBoundedContextsAndTheSharedKernel() {
		assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.containsExactlyInAnyOrder("platform", "users", "auth", "orders", "notifications", "webhooks",
					"audit");
	}

	/** The target graph: users → platform; auth → users; orders, notifications, webhooks, audit → events only (webhooks also notifications' own). */
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
			// orders :: events, and notifications :: events for the notice to every administrator (ADR 0037)
			.containsEntry("webhooks", Set.of("orders", "notifications"))
			.containsEntry("audit", Set.of("users", "auth", "orders"));
	}

	/**
	 * Each context keeps its rooms (ADR 0030) internal: no named interface, the only part another
	 * module may use, holds a type of {@code web}, {@code application}, {@code domain} or
	 * {@code persistence}; and every context has its use cases and domain in their rooms.
	 */
	@Test
	void keepsEveryContextsRoomsInternal() {
		for (ApplicationModule module : MODULES) {
			String name = module.getIdentifier().toString();
			if (!CONTEXTS.contains(name)) {
				continue;
			}
			String base = module.getBasePackage().getName();
			module.getNamedInterfaces()
				.forEach(named -> assertThat(named.asJavaClasses().map(JavaClass::getPackageName))
					.as(name + " :: " + named.getName())
					.noneMatch(pkg -> ROOMS.stream().anyMatch(room -> pkg.startsWith(base + "." + room))));
			assertThat(module.getBasePackage().getDirectSubPackages().stream().map(pkg -> pkg.getName()))
				.as(name + "'s rooms")
				.contains(base + ".application", base + ".domain");
		}
	}
}
