package dev.orderly.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.DependencyType;

/**
 * The two things the Documenter of Spring Modulith 2.1 does not do for a build of several Maven
 * modules (ADR 0032):
 * <ul>
 * <li>It reads the Javadoc that {@code spring-modulith-apt} extracts only from
 * {@code target/generated-spring-modulith/javadoc.json} of the build it runs in (here {@code app}),
 * while each module's Javadoc is extracted into its own {@code target}. {@link #mergeIntoThisBuild}
 * puts them together before the Documenter first reads the file.</li>
 * <li>Its C4 component diagram always gives a module an empty description and its edges only
 * "uses", "depends on" and "listens to" ({@code Documenter} offers no option for either).
 * {@link #describeComponents} fills in, from the same model of the code, the first sentence of
 * each module's {@code package-info} Javadoc and what each edge carries: the events listened to
 * (and whether synchronously) and the beans used.</li>
 * </ul>
 */
final class ModuleJavadoc {

	static final Path EXTRACTED = Path.of("target", "generated-spring-modulith", "javadoc.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern COMPONENT = Pattern
		.compile("Component\\(([\\w.]+), \"([^\"]*)\", \\$techn=\"Module\", \\$descr=\"\"");

	/**
	 * A line break as the Documenter reads it: it turns {@code <br>} into one (the JSON parser it
	 * reads the extracted Javadoc with does not unescape {@code \n}).
	 */
	private static final String NEW_LINE = "<br>";

	private static final Pattern LIST = Pattern.compile("<(ul|ol)>(.*?)</\\1>", Pattern.DOTALL);

	private static final Pattern RELATION = Pattern
		.compile("^Rel\\(([\\w.]+), ([\\w.]+), \"(uses|listens to|depends on)\", \\$techn=\"\"");

	private ModuleJavadoc() {
	}

	/**
	 * Merges every module's extracted Javadoc found under {@code root/modules} into this build's
	 * file and returns the comments by type or package name.
	 */
	static Map<String, String> mergeIntoThisBuild(Path root) throws IOException {
		Map<String, JsonNode> entries = new TreeMap<>();
		List<Path> sources = new ArrayList<>();
		if (Files.isRegularFile(EXTRACTED)) {
			sources.add(EXTRACTED); // app's own, or what an earlier run merged: each module's below wins
		}
		try (Stream<Path> files = Files.walk(root.resolve("modules"), 6)) {
			files.filter(file -> file.endsWith(EXTRACTED)).sorted().forEach(sources::add);
		}
		for (Path source : sources) {
			for (JsonNode entry : JSON.readTree(source.toFile())) {
				if (entry.hasNonNull("comment") && entry instanceof ObjectNode object) {
					object.put("comment", asciidocLists(entry.get("comment").asString()));
				}
				entries.put(entry.path("name").asString(), entry);
			}
		}
		ArrayNode merged = JSON.createArrayNode();
		entries.values().forEach(merged::add);
		Files.createDirectories(EXTRACTED.getParent());
		Files.writeString(EXTRACTED, JSON.writeValueAsString(merged), StandardCharsets.UTF_8);
		Map<String, String> comments = new TreeMap<>();
		entries.forEach((name, entry) -> {
			if (entry.hasNonNull("comment")) {
				comments.put(name, entry.get("comment").asString());
			}
		});
		return comments;
	}

	/**
	 * The HTML lists and emphasis of a Javadoc comment as AsciiDoc, which the canvases are written
	 * in (the Documenter turns {@code <p>}, {@code <br>}, {@code {@code}} and {@code {@link}} into
	 * AsciiDoc itself, lists not). Items start with {@code -} or {@code .}, never {@code *}, so that sorting the
	 * canvases' bullet lines leaves them alone.
	 */
	static String asciidocLists(String comment) {
		Matcher list = LIST.matcher(comment);
		StringBuilder out = new StringBuilder();
		while (list.find()) {
			String marker = list.group(1).equals("ol") ? ". " : "- ";
			String items = list.group(2).replaceAll("\\s*</li>\\s*", "").replaceAll("\\s*<li>\\s*", NEW_LINE + marker);
			list.appendReplacement(out, Matcher.quoteReplacement(NEW_LINE + items.strip() + NEW_LINE + NEW_LINE));
		}
		list.appendTail(out);
		return out.toString()
			.replaceAll("<em>([^<]*)</em>", "_$1_")
			.replaceAll("<b>([^<]*)</b>", "*$1*")
			.replaceAll("(<br>)\\s+", "$1");
	}

	/** Fills in the component descriptions and edge labels of every PlantUML file in {@code folder}. */
	static void describeComponents(Path folder, ApplicationModules modules, Map<String, String> javadoc)
			throws IOException {
		Map<String, ApplicationModule> byName = new LinkedHashMap<>();
		modules.forEach(module -> byName.put(module.getDisplayName(), module));
		List<ArchitecturePageTests.Flow> flows = ArchitecturePageTests.flows(modules);
		try (Stream<Path> files = Files.list(folder)) {
			for (Path puml : files.filter(file -> file.toString().endsWith(".puml")).toList()) {
				Map<String, ApplicationModule> byAlias = new LinkedHashMap<>();
				List<String> lines = new ArrayList<>();
				for (String line : Files.readString(puml).split("\n", -1)) {
					Matcher component = COMPONENT.matcher(line);
					if (component.find() && byName.containsKey(component.group(2))) {
						ApplicationModule module = byName.get(component.group(2));
						byAlias.put(component.group(1), module);
						String description = firstSentence(javadoc.getOrDefault(module.getBasePackage().getName(), ""));
						line = line.replace("$descr=\"\"", "$descr=\"" + description + "\"");
					}
					lines.add(line);
				}
				for (int i = 0; i < lines.size(); i++) {
					Matcher relation = RELATION.matcher(lines.get(i));
					if (!relation.find()) {
						continue;
					}
					ApplicationModule source = byAlias.get(relation.group(1));
					ApplicationModule target = byAlias.get(relation.group(2));
					if (source == null || target == null) {
						continue;
					}
					String[] label = label(relation.group(3), source, target, modules, flows);
					lines.set(i, lines.get(i).replace(relation.group(0), "Rel(" + relation.group(1) + ", "
							+ relation.group(2) + ", \"" + label[0] + "\", $techn=\"" + label[1] + "\""));
				}
				Files.writeString(puml, String.join("\n", lines));
			}
		}
	}

	/** The label and technology of an edge from {@code source} to {@code target}. */
	private static String[] label(String kind, ApplicationModule source, ApplicationModule target,
			ApplicationModules modules, List<ArchitecturePageTests.Flow> flows) {
		String consumer = source.getIdentifier().toString();
		String publisher = target.getIdentifier().toString();
		if (kind.equals("listens to")) {
			List<ArchitecturePageTests.Flow> heard = flows.stream()
				.filter(flow -> flow.publisher().equals(publisher) && flow.consumers().containsKey(consumer))
				.toList();
			if (heard.isEmpty()) {
				return new String[] { kind, "" };
			}
			String delivery = heard.stream()
				.flatMap(flow -> flow.consumers().get(consumer).stream())
				.map(listener -> listener.async() ? "async, after commit" : "sync, in the publishing transaction")
				.distinct()
				.sorted()
				.collect(Collectors.joining("; "));
			return new String[] { "listens to " + heard.stream().map(ArchitecturePageTests.Flow::simpleName)
				.collect(Collectors.joining(", ")), delivery };
		}
		DependencyType type = kind.equals("uses") ? DependencyType.USES_COMPONENT : DependencyType.DEFAULT;
		List<String> types = source.getDirectDependencies(modules, type)
			.stream()
			.filter(dependency -> dependency.getTargetModule().equals(target))
			.map(ApplicationModuleDependency::getTargetType)
			.map(javaClass -> javaClass.getSimpleName())
			.distinct()
			.sorted()
			.toList();
		return new String[] { types.isEmpty() ? kind : kind + " " + String.join(", ", types),
				kind.equals("uses") ? "Spring bean" : "" };
	}

	/** The first sentence of a Javadoc comment, as plain text fit for a PlantUML string. */
	static String firstSentence(String comment) {
		String text = comment.replaceAll("\\{@(?:code|link|linkplain|literal) ([^}]*)}", "$1")
			.replaceAll("<[^>]+>", " ")
			.replace('"', '\'')
			.replaceAll("\\s+", " ")
			.strip();
		int end = text.indexOf(". ");
		return end < 0 ? text : text.substring(0, end + 1);
	}
}
