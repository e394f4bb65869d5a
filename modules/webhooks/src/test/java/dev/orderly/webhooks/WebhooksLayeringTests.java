package dev.orderly.webhooks;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The rooms inside the webhooks module (ADR 0030), checked on its own code in its own build:
 * {@code web} adapts HTTP to the use cases of {@code application}, which work on {@code domain}
 * through {@code persistence}; nothing below the web reaches it, and the domain reaches none of the
 * others. Spring Modulith's {@code verify()} (in {@code app}) keeps other modules out of all of them.
 */
class WebhooksLayeringTests {

	static final String BASE = "dev.orderly.webhooks";

	static final JavaClasses CODE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	@Test
	void keepsTheLayersInOrder() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("web").definedBy(BASE + ".web..")
			.layer("application").definedBy(BASE + ".application..")
			.layer("persistence").definedBy(BASE + ".persistence..")
			.layer("domain").definedBy(BASE + ".domain..")
			.whereLayer("web").mayNotBeAccessedByAnyLayer()
			.whereLayer("application").mayOnlyBeAccessedByLayers("web")
			.whereLayer("persistence").mayOnlyBeAccessedByLayers("web", "application")
			.whereLayer("domain").mayOnlyBeAccessedByLayers("web", "application", "persistence")
			.withOptionalLayers(true)
			.because("a use case is callable without HTTP, and the domain knows no storage or caller (ADR 0030)")
			.check(CODE);
	}

	@Test
	void keepsHttpOutOfTheDomainAndTheUseCases() {
		noClasses().that().resideInAnyPackage(BASE + ".domain..", BASE + ".application..", BASE + ".persistence..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web.bind..",
					"org.springframework.web.servlet..", "jakarta.servlet..", "dev.orderly.platform.web..",
					"dev.orderly.platform.security..")
			.because("HTTP and the web caller stay in the web room (ADR 0021, ADR 0030)")
			.check(CODE);
	}

	@Test
	void putsControllersAndTheErrorMappingInTheWebRoom() {
		classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(RestControllerAdvice.class)
			.should().resideInAPackage(BASE + ".web")
			.allowEmptyShould(true)
			.check(CODE);
	}

	@Test
	void keepsTheExceptionFamilyTogetherInTheDomain() {
		classes().that().areAssignableTo(RuntimeException.class)
			.and().resideOutsideOfPackages(BASE + ".api..", BASE + ".events..")
			.should().resideInAPackage(BASE + ".domain")
			.allowEmptyShould(true)
			.because("a module's exceptions are one family, in business terms (ADR 0030)")
			.check(CODE);
	}

	@Test
	void keepsOnlyWiringAndTheFacadeInTheBasePackage() {
		classes().that().resideInAPackage(BASE).and().areTopLevelClasses()
			.should(beWiringOrFacade())
			.allowEmptyShould(true)
			.because("the base package is the module's front door: package-info, configuration, facade (ADR 0030)")
			.check(CODE);
	}

	static ArchCondition<JavaClass> beWiringOrFacade() {
		DescribedPredicate<JavaClass> wiring = DescribedPredicate.describe(
				"configuration, properties, a condition, a bean post-processor or the facade of an api",
				type -> type.isAnnotatedWith(Configuration.class) || type.isAnnotatedWith(ConfigurationProperties.class)
						|| type.isAssignableTo(Condition.class) || type.isAssignableTo(BeanPostProcessor.class)
						|| type.getSimpleName().equals("package-info")
						|| type.getAllRawInterfaces().stream().anyMatch(api -> api.getPackageName().startsWith(BASE + ".api")));
		return be(wiring);
	}
}
