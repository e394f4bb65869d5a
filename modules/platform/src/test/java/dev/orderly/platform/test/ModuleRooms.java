package dev.orderly.platform.test;

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
 * The rooms inside a module (ADR 0030), checked on the module's own code in its own build: {@code web}
 * adapts HTTP to the use cases of {@code application}, which work on {@code domain} through
 * {@code persistence}; nothing below the web reaches it, and the domain reaches none of the others.
 * Spring Modulith's {@code verify()} (in {@code app}) keeps other modules out of all of them. Each
 * module's {@code <Module>LayeringTests} extends this class with its base package.
 */
public abstract class ModuleRooms {

	private final String base;

	private final JavaClasses code;

	protected ModuleRooms(String basePackage) {
		this.base = basePackage;
		this.code = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(basePackage);
	}

	@Test
	public void keepsTheLayersInOrder() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("web").definedBy(base + ".web..")
			.layer("application").definedBy(base + ".application..")
			.layer("persistence").definedBy(base + ".persistence..")
			.layer("domain").definedBy(base + ".domain..")
			.whereLayer("web").mayNotBeAccessedByAnyLayer()
			.whereLayer("application").mayOnlyBeAccessedByLayers("web")
			.whereLayer("persistence").mayOnlyBeAccessedByLayers("web", "application")
			.whereLayer("domain").mayOnlyBeAccessedByLayers("web", "application", "persistence")
			.withOptionalLayers(true)
			.because("a use case is callable without HTTP, and the domain knows no storage or caller (ADR 0030)")
			.check(code);
	}

	@Test
	public void keepsHttpOutOfTheDomainAndTheUseCases() {
		noClasses().that().resideInAnyPackage(base + ".domain..", base + ".application..", base + ".persistence..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web.bind..",
					"org.springframework.web.servlet..", "jakarta.servlet..", "dev.orderly.platform.web..",
					"dev.orderly.platform.security..")
			.because("HTTP and the web caller stay in the web room (ADR 0021, ADR 0030)")
			.check(code);
	}

	@Test
	public void putsControllersAndTheErrorMappingInTheWebRoom() {
		classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(RestControllerAdvice.class)
			.should().resideInAPackage(base + ".web")
			.allowEmptyShould(true)
			.check(code);
	}

	@Test
	public void keepsTheExceptionFamilyTogetherInTheDomain() {
		classes().that().areAssignableTo(RuntimeException.class)
			.and().resideOutsideOfPackages(base + ".api..", base + ".events..")
			.should().resideInAPackage(base + ".domain")
			.allowEmptyShould(true)
			.because("a module's exceptions are one family, in business terms (ADR 0030)")
			.check(code);
	}

	@Test
	public void keepsOnlyWiringAndTheFacadeInTheBasePackage() {
		classes().that().resideInAPackage(base).and().areTopLevelClasses()
			.should(beWiringOrFacade())
			.allowEmptyShould(true)
			.because("the base package is the module's front door: package-info, configuration, facade (ADR 0030)")
			.check(code);
	}

	private ArchCondition<JavaClass> beWiringOrFacade() {
		DescribedPredicate<JavaClass> wiring = DescribedPredicate.describe(
				"configuration, properties, a condition, a bean post-processor or the facade of an api",
				type -> type.isAnnotatedWith(Configuration.class) || type.isAnnotatedWith(ConfigurationProperties.class)
						|| type.isAssignableTo(Condition.class) || type.isAssignableTo(BeanPostProcessor.class)
						|| type.getSimpleName().equals("package-info")
						|| type.getAllRawInterfaces().stream().anyMatch(api -> api.getPackageName().startsWith(base + ".api")));
		return be(wiring);
	}
}
