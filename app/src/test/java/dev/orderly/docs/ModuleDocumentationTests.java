package dev.orderly.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions.Grouping;

import dev.orderly.OrderlyApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates the module documentation from the code — Spring Modulith's C4 component diagram (each
 * module with its {@code package-info} description, each edge with what it carries), one diagram
 * and one canvas per module — renders every diagram to SVG, and fails when
 * {@code docs/modules/} differs from what the code generates, so the docs can never go stale.
 * <p>
 * To refresh the committed docs after a change:
 * {@code ./orderly test -pl app -am -Dtest=ModuleDocumentationTests -Dsurefire.failIfNoSpecifiedTests=false -Dorderly.docs.update=true}
 * (or {@code ORDERLY_DOCS_UPDATE=true}).
 */
class ModuleDocumentationTests {

	static final Path COMMITTED = Path.of("..", "docs", "modules");

	static final Path GENERATED = Path.of("target", "modulith-docs");

	@Test
	void committedModuleDocsMatchTheCode() throws IOException {
		ApplicationModules modules = ApplicationModules.of(OrderlyApplication.class);
		Map<String, String> javadoc = ModuleJavadoc.mergeIntoThisBuild(Path.of(".."));
		for (ApplicationModule module : modules) {
			assertThat(javadoc).as("""
					the Javadoc of module %s's package-info, extracted by spring-modulith-apt when the module is compiled: \
					build the modules in the same reactor (./orderly test -pl app -am ...)""", module.getIdentifier())
				.containsKey(module.getBasePackage().getName());
		}
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
			.writeDocumentation(Documenter.DiagramOptions.defaults()
				.withElementsWithoutRelationships(Documenter.DiagramOptions.ElementsWithoutRelationships.VISIBLE),
					canvasOptions());
		ModuleJavadoc.describeComponents(GENERATED, modules, javadoc);
		normalize(GENERATED);
		renderSvgs(GENERATED);

		Map<String, String> generated = read(GENERATED);
		assertThat(generated).as("generated documentation").containsKey("components.puml").containsKey("components.svg");

		if (updateRequested()) {
			replace(COMMITTED, generated);
		}
		assertThat(read(COMMITTED)).as("""
				docs/modules is stale: it differs from what the code generates. Regenerate it with
				  ./orderly test -pl app -am -Dtest=ModuleDocumentationTests -Dsurefire.failIfNoSpecifiedTests=false -Dorderly.docs.update=true
				and commit the result.""").isEqualTo(generated);
	}

	/**
	 * What a module canvas shows (ADR 0032): every bean of the module, internal ones included, in
	 * groups by role; aggregate roots ({@code @AggregateRoot}), published events
	 * ({@code @DomainEvent}) and the events listened to come from Spring Modulith's model.
	 */
	static Documenter.CanvasOptions canvasOptions() {
		return Documenter.CanvasOptions.withoutDefaultGroupings()
			.groupingBy("Web edge", bean -> bean.toArchitecturallyEvidentType().isController()
					|| bean.getType().getSimpleName().endsWith("ErrorMapping"),
					"Controllers and the module's error mapping: HTTP stays here")
			.groupingBy("Event listeners", bean -> bean.toArchitecturallyEvidentType().isEventListener(),
					"Listeners of other modules' events")
			.groupingBy("Use cases", bean -> bean.toArchitecturallyEvidentType().isService(),
					"Services taking an Actor and domain values")
			.groupingBy("Policies", Grouping.nameMatching(".*Policy"), "Who may do what")
			.groupingBy("Persistence", bean -> bean.toArchitecturallyEvidentType().isRepository(),
					"Repositories of aggregates and the owners of the module's other tables")
			.groupingBy("Configuration properties",
					bean -> bean.toArchitecturallyEvidentType().isConfigurationProperties())
			.revealInternals();
	}

	/**
	 * The Documenter lists relations and events in the order it meets them, which varies between
	 * JVM runs; sorting each run of such lines makes the output depend on the code only.
	 */
	static void normalize(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc"))
				.toList()) {
				Files.writeString(file, sortRuns(Files.readString(file)));
			}
		}
	}

	/** Sorts every run of consecutive {@code Rel(…)} or {@code Component(…)} lines and of list items. */
	static String sortRuns(String text) {
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		int i = 0;
		while (i < lines.size()) {
			String kind = runKind(lines.get(i));
			if (kind == null) {
				i++;
				continue;
			}
			int end = i + 1;
			while (end < lines.size() && kind.equals(runKind(lines.get(end))) && !lines.get(end).startsWith("|")) {
				end++;
			}
			boolean cellStart = lines.get(i).startsWith("|");
			List<String> run = new ArrayList<>(lines.subList(i, end).stream()
				.map(line -> cellStart && line.startsWith("|") ? line.substring(1) : line)
				.sorted()
				.toList());
			if (cellStart) {
				run.set(0, "|" + run.get(0));
			}
			for (int j = 0; j < run.size(); j++) {
				lines.set(i + j, run.get(j));
			}
			i = end;
		}
		return String.join("\n", lines);
	}

	private static String runKind(String line) {
		if (line.startsWith("Rel(")) {
			return "relation";
		}
		if (line.strip().startsWith("Component(")) {
			return "component";
		}
		if (line.startsWith("* ") || line.startsWith("|* ")) {
			return "item";
		}
		return null;
	}

	/** Renders each PlantUML diagram to SVG with PlantUML's built-in layout (no Graphviz needed). */
	static void renderSvgs(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			for (Path puml : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
				String source = Files.readString(puml).replaceFirst("@startuml", "@startuml\n!pragma layout smetana");
				ByteArrayOutputStream svg = new ByteArrayOutputStream();
				new SourceStringReader(source).outputImage(svg, new FileFormatOption(FileFormat.SVG).withSvgLinkTarget("_top"));
				Files.write(folder.resolve(puml.getFileName().toString().replace(".puml", ".svg")), svg.toByteArray());
			}
		}
	}

	static boolean updateRequested() {
		return Boolean.getBoolean("orderly.docs.update") || "true".equalsIgnoreCase(System.getenv("ORDERLY_DOCS_UPDATE"));
	}

	static Map<String, String> read(Path folder) throws IOException {
		Map<String, String> contents = new TreeMap<>();
		if (!Files.isDirectory(folder)) {
			return contents;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				contents.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return contents;
	}

	static void replace(Path folder, Map<String, String> contents) throws IOException {
		Files.createDirectories(folder);
		List<Path> stale = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			files.filter(file -> !contents.containsKey(file.getFileName().toString())).forEach(stale::add);
		}
		for (Path file : stale) {
			Files.delete(file);
		}
		for (Map.Entry<String, String> entry : contents.entrySet()) {
			Files.writeString(folder.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
		}
	}
}
