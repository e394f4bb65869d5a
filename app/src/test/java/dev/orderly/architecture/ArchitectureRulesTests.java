package dev.orderly.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaClass;
import jakarta.servlet.Filter;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.data.relational.core.mapping.Table;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules that {@code ApplicationModules.verify()} does not check: how code inside a module is
 * written and which database schema it may touch.
 */
class ArchitectureRulesTests {

	static final Set<String> CONTEXTS = Set.of("users", "auth", "orders", "notifications", "webhooks", "audit");

	static final JavaClasses CODE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.orderly");

	@Test
	void usesConstructorInjectionOnly() {
		NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(CODE);
		noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Value")
			.allowEmptyShould(true)
			.because("configuration is injected through constructors or @ConfigurationProperties records")
			.check(CODE);
	}

	@Test
	void keepsControllersInternalToTheirModule() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic()
			.because("a module's HTTP adapter is not part of its API")
			.check(CODE);
	}

	@Test
	void hasNoCyclesBetweenModules() {
		slices().matching("dev.orderly.(*)..").should().beFreeOfCycles().check(CODE);
	}

	/**
	 * HTTP and the web caller stay at a module's web edge: domain types and use cases speak the
	 * domain (module exceptions, an {@code Actor}), so a listener or a job can call them. The web
	 * edge is what adapts HTTP to them: controllers, their request and response types, a module's
	 * exception mapping, filters and configuration (by annotation, supertype or name).
	 */
	@Test
	void keepsHttpAtTheWebEdge() {
		noClasses().that(belongToTheDomain())
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "jakarta.servlet..",
					"dev.orderly.platform.web..", "dev.orderly.platform.security..")
			.because("domain and use cases must not know HTTP or the web caller (see ADR 0021)")
			.check(CODE);
	}

	static DescribedPredicate<JavaClass> belongToTheDomain() {
		return DescribedPredicate.describe("are not part of a web edge", type -> {
			String packageName = type.getPackageName();
			if (packageName.startsWith("dev.orderly.platform.web") || packageName.startsWith("dev.orderly.platform.security")
					|| !packageName.startsWith("dev.orderly.")) {
				return false;
			}
			JavaClass outermost = type;
			while (outermost.getEnclosingClass().isPresent()) {
				outermost = outermost.getEnclosingClass().get();
			}
			return !isWebEdge(outermost);
		});
	}

	static boolean isWebEdge(JavaClass type) {
		String name = type.getSimpleName();
		return type.isAnnotatedWith(RestController.class) || type.isAnnotatedWith(RestControllerAdvice.class)
				|| type.isAnnotatedWith(Configuration.class) || type.isAssignableTo(Filter.class)
				|| type.isAssignableTo(WebMvcConfigurer.class) || name.endsWith("Controller")
				|| name.endsWith("Requests") || name.endsWith("Responses") || name.endsWith("ErrorMapping")
				|| name.endsWith("Configuration")
				|| name.equals("package-info") || name.equals("OrderlyApplication");
	}

	@Test
	void doesNotUseLombok() {
		noClasses().should().dependOnClassesThat().resideInAPackage("lombok..").check(CODE);
	}

	/**
	 * Outside a module, only its published contract is used: its events ({@code dev.orderly.X.events},
	 * what may be consumed in-process or from the broker, ADR 0022) and its API ({@code dev.orderly.X.api}).
	 * Nothing else of a module is a type another module, or the application's wiring, may name.
	 */
	@Test
	void usesOtherModulesOnlyThroughTheirPublishedContract() {
		for (String module : CONTEXTS) {
			String base = "dev.orderly." + module;
			noClasses().that().resideOutsideOfPackage(base + "..")
				.should().dependOnClassesThat(DescribedPredicate.describe(module + " types outside its contract packages",
						type -> type.getPackageName().equals(base) || (type.getPackageName().startsWith(base + ".")
								&& !type.getPackageName().startsWith(base + ".events")
								&& !type.getPackageName().startsWith(base + ".api"))))
				.because("a module's events and API are its published contract (ADR 0022)")
				.check(CODE);
		}
	}

	@Test
	void mapsEntitiesOnlyToTheOwnModulesSchema() {
		classes().that().areAnnotatedWith(Table.class).should(new ArchCondition<JavaClass>("map to their module's schema") {
			@Override
			public void check(JavaClass type, ConditionEvents events) {
				String module = type.getPackageName().split("\\.")[2];
				String schema = type.getAnnotationOfType(Table.class).schema();
				boolean ok = schema.equals(module);
				events.add(new SimpleConditionEvent(type, ok,
						type.getName() + " maps schema '" + schema + "' but belongs to module '" + module + "'"));
			}
		}).allowEmptyShould(true).check(CODE);
	}

	/**
	 * No SQL names a table of a module's schema outside that module: a module's Java code and
	 * migrations name only its own schema, and the composition root ({@code app}) and the shared
	 * kernel ({@code platform}) name none (ADR 0033). A schema-qualified name after FROM, JOIN, INTO,
	 * UPDATE, TABLE, REFERENCES, ON or EXISTS counts.
	 */
	@Test
	void neverReadsAnotherModulesSchema() throws IOException {
		List<String> violations = new ArrayList<>();
		Path modules = Path.of("..", "modules");
		for (String module : CONTEXTS) {
			violations.addAll(crossSchemaSql(modules.resolve(module).resolve("src/main"), module));
		}
		violations.addAll(crossSchemaSql(modules.resolve("platform").resolve("src/main"), null));
		violations.addAll(crossSchemaSql(Path.of("src", "main"), null));
		assertThat(violations).as("cross-schema SQL").isEmpty();
	}

	/**
	 * The rule above catches what it is for: the composition root's email span once looked up the
	 * trace context in {@code notifications.notifications} itself (a copy of that class is the fixture).
	 */
	@Test
	void catchesSqlOnAModulesSchemaInTheCompositionRoot() throws IOException {
		Path fixture = Path.of("src", "test", "resources", "architecture", "cross-schema-sql");

		assertThat(crossSchemaSql(fixture, null)).singleElement(InstanceOfAssertFactories.STRING)
			.endsWith("FROM notifications.notifications");
		assertThat(crossSchemaSql(fixture, "notifications")).isEmpty();
	}

	/**
	 * Schema-qualified SQL in the {@code .java} and {@code .sql} files under {@code sources} that names
	 * a module schema other than {@code owner} ({@code null}: any module schema).
	 */
	static List<String> crossSchemaSql(Path sources, String owner) throws IOException {
		Pattern qualified = Pattern.compile(
				"(?i)\\b(from|join|into|update|table|references|on|exists)\\s+(users|auth|orders|notifications|webhooks|audit)\\.[a-z_]+");
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql")).toList()) {
				Matcher matcher = qualified.matcher(Files.readString(file));
				while (matcher.find()) {
					if (!matcher.group(2).equalsIgnoreCase(owner)) {
						violations.add(file + ": " + matcher.group());
					}
				}
			}
		}
		return violations;
	}

	/**
	 * The composition root wires modules it does not know: its own classes ({@code dev.orderly}) name
	 * no type of a module, only the platform's (ADR 0033). What a module is and does, its API
	 * description included, it says itself.
	 */
	@Test
	void compositionRootNamesNoModuleType() {
		noClasses().that().resideInAPackage("dev.orderly")
			.should().dependOnClassesThat().resideInAnyPackage(CONTEXTS.stream().map(module -> "dev.orderly." + module + "..")
				.toArray(String[]::new))
			.because("a module owns everything about itself; the composition root keeps what is platform-wide (ADR 0033)")
			.check(CODE);
	}

	/**
	 * Nor does it name a module's setting ({@code orderly.<module>.…}) or integration event
	 * ({@code <module>.SomethingHappened}) as a string, which the type rule above cannot see: a module's
	 * start-up checks are its own {@code StartupCheck}s, an event the composition root consumes is
	 * described by its contract ({@code SessionEndings}); docs/adr/0035.
	 */
	@Test
	void compositionRootNamesNoModuleSettingOrEvent() throws IOException {
		String modules = String.join("|", CONTEXTS);
		Pattern literal = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");
		Pattern named = Pattern.compile("\\borderly\\.(" + modules + ")\\.[a-z]|\\b(" + modules + ")\\.[A-Z][A-Za-z]*\\b");
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Matcher strings = literal.matcher(Files.readString(file));
				while (strings.find()) {
					if (named.matcher(strings.group()).find()) {
						found.add(file + ": " + strings.group());
					}
				}
			}
		}
		assertThat(found).as("module settings and events named in app/src/main").isEmpty();
	}

	/** No class of the composition root grows into a catalogue of the modules' knowledge again. */
	@Test
	void keepsTheCompositionRootsClassesSmall() throws IOException {
		List<String> large = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				long lines = Files.readAllLines(file).size();
				if (lines > MAX_COMPOSITION_ROOT_CLASS_LINES) {
					large.add(file + ": " + lines + " lines");
				}
			}
		}
		assertThat(large).as("classes of app/src/main over " + MAX_COMPOSITION_ROOT_CLASS_LINES + " lines").isEmpty();
	}

	static final int MAX_COMPOSITION_ROOT_CLASS_LINES = 200;
}
