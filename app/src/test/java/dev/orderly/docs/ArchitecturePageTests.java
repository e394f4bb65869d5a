package dev.orderly.docs;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jmolecules.event.annotation.DomainEvent;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.ArchitecturallyEvidentType.ReferenceMethod;
import org.springframework.modulith.core.EventType;
import org.springframework.modulith.core.SpringBean;

import dev.orderly.OrderlyApplication;
import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architect's page, {@code docs/architecture.md} (ADR 0032), kept true by the code:
 * <ul>
 * <li>the <b>event flow</b> (publisher module → event and its version → consuming modules) is
 * generated from Spring Modulith's {@link ApplicationModules}: the events a module publishes
 * ({@code @DomainEvent} records of its contract) and the listener methods of every module's beans
 * ({@code @ApplicationModuleListener}, {@code @EventListener}). It is written as a Mermaid
 * {@code flowchart} between two marker comments, so that it renders on any code forge, and this
 * test fails when the committed block differs from what the code generates. Regenerate it with
 * {@code ./orderly test -pl app -am -Dtest=ArchitecturePageTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dorderly.docs.update=true};</li>
 * <li>the <b>runtime views</b> (Mermaid {@code sequenceDiagram}s of one order from request to
 * email) are written by hand, because what happens at run time is not in the types; this test
 * keeps them honest: every participant names a class of the code (by simple name, or
 * {@code Outer.Inner}) unless the block lists it as outside the code ({@code %% outside the code: …}),
 * and every message written as a call ({@code method(…)}) to a class names a method that class has.
 * A renamed or moved-away class or method fails the build instead of leaving a stale picture.</li>
 * </ul>
 */
class ArchitecturePageTests {

	static final Path PAGE = Path.of("docs", "architecture.md");

	static final String BEGIN = "<!-- BEGIN GENERATED event-flow: ArchitecturePageTests, regenerate with -Dorderly.docs.update=true -->";

	static final String END = "<!-- END GENERATED event-flow -->";

	static final ApplicationModules MODULES = ApplicationModules.of(OrderlyApplication.class);

	/** The application's own classes, tests excluded. */
	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.orderly");

	@Test
	void eventFlowOnTheArchitectsPageIsGeneratedFromTheCode() throws IOException {
		Path file = RepositoryFiles.root().resolve(PAGE);
		String page = Files.readString(file, StandardCharsets.UTF_8);
		int begin = page.indexOf(BEGIN);
		int end = page.indexOf(END);
		assertThat(begin).as("docs/architecture.md has the marker %s", BEGIN).isNotNegative();
		assertThat(end).as("docs/architecture.md has the marker %s after the begin marker", END).isGreaterThan(begin);

		String generated = BEGIN + "\n" + eventFlow(flows(MODULES)) + END;
		String updated = page.substring(0, begin) + generated + page.substring(end + END.length());
		if (ModuleDocumentationTests.updateRequested()) {
			Files.writeString(file, updated, StandardCharsets.UTF_8);
			page = updated;
		}
		assertThat(page).as("""
				The event flow in docs/architecture.md is stale: it differs from what the code generates. Regenerate it with
				  ./orderly test -pl app -am -Dtest=ArchitecturePageTests -Dsurefire.failIfNoSpecifiedTests=false -Dorderly.docs.update=true
				and commit the result.""").isEqualTo(updated);
	}

	@Test
	void theEventFlowShowsEveryPublishedEventAndItsConsumers() {
		List<Flow> flows = flows(MODULES);
		assertThat(flows).extracting(Flow::wireName)
			.contains("users.UserRegistered", "users.UserDeleted", "auth.PasswordResetRequested", "orders.OrderPlaced")
			.doesNotContain("orders.OrderLine");
		Flow placed = flows.stream().filter(flow -> flow.wireName().equals("orders.OrderPlaced")).findFirst().orElseThrow();
		assertThat(placed.publisher()).isEqualTo("orders");
		assertThat(placed.consumers()).containsOnlyKeys("notifications", "webhooks");
		Flow deleted = flows.stream().filter(flow -> flow.wireName().equals("users.UserDeleted")).findFirst().orElseThrow();
		assertThat(deleted.consumers()).containsKeys("auth", "orders", "notifications");
		assertThat(deleted.consumers().get("auth")).allMatch(listener -> !listener.async());
		assertThat(deleted.consumers().get("orders")).allMatch(Listener::async);
	}

	/**
	 * An event record without {@code @DomainEvent} would be missing from the event flow and the
	 * canvases without anyone noticing: every record of a contract {@code events} package that is not
	 * only a part of another event (such as {@code OrderLine}) must be one.
	 */
	@Test
	void everyIntegrationEventIsADomainEventSoThatThePageShowsIt() {
		JavaClasses classes = CLASSES;
		List<Class<?>> records = classes.stream()
			.filter(type -> type.getPackageName().matches("dev\\.orderly\\.[a-z]+\\.events"))
			.map(JavaClass::reflect)
			.filter(IntegrationEvents::isIntegrationEvent)
			.toList();
		Set<Class<?>> parts = new HashSet<>();
		for (Class<?> type : records) {
			for (RecordComponent component : type.getRecordComponents()) {
				parts.add(component.getType());
				if (component.getGenericType() instanceof ParameterizedType parameterized) {
					for (Type argument : parameterized.getActualTypeArguments()) {
						if (argument instanceof Class<?> part) {
							parts.add(part);
						}
					}
				}
			}
		}
		List<String> events = records.stream().filter(type -> !parts.contains(type)).map(Class::getName).sorted().toList();
		assertThat(events).as("integration events").hasSizeGreaterThanOrEqualTo(14);
		assertThat(events).as("integration events not annotated @org.jmolecules.event.annotation.DomainEvent")
			.allMatch(name -> classes.get(name).isAnnotatedWith(DomainEvent.class));
	}

	@Test
	void runtimeViewsNameOnlyClassesAndMethodsThatExist() throws IOException {
		String page = Files.readString(RepositoryFiles.root().resolve(PAGE), StandardCharsets.UTF_8);
		List<String> diagrams = mermaidBlocks(page).stream().filter(block -> block.strip().startsWith("sequenceDiagram")).toList();
		assertThat(diagrams).as("sequence diagrams in docs/architecture.md (one process, split mode)").hasSizeGreaterThanOrEqualTo(2);

		JavaClasses classes = CLASSES;
		List<String> problems = new ArrayList<>();
		for (String diagram : diagrams) {
			problems.addAll(SequenceDiagram.parse(diagram).problems(classes));
		}
		assertThat(problems).as("runtime views in docs/architecture.md that no longer match the code").isEmpty();
	}

	// --- the event flow ------------------------------------------------------------------------

	/** One listener method of a consuming module. */
	record Listener(String method, boolean async) {
	}

	/** One published event: its publisher, version and the listeners of each consuming module. */
	record Flow(String wireName, String simpleName, String publisher, int version, Map<String, List<Listener>> consumers) {
	}

	static List<Flow> flows(ApplicationModules modules) {
		Map<Class<?>, Map<String, List<Listener>>> listeners = new LinkedHashMap<>();
		for (ApplicationModule module : modules) {
			for (SpringBean bean : module.getSpringBeans()) {
				bean.toArchitecturallyEvidentType().getReferenceMethods().forEach(reference -> {
					for (Class<?> event : reference.getReferenceTypes()) {
						listeners.computeIfAbsent(event, it -> new TreeMap<>())
							.computeIfAbsent(module.getIdentifier().toString(), it -> new ArrayList<>())
							.add(listener(reference));
					}
				});
			}
		}
		List<Flow> flows = new ArrayList<>();
		for (ApplicationModule module : modules) {
			for (EventType event : module.getPublishedEvents()) {
				Class<?> type = event.getType().reflect();
				Map<String, List<Listener>> consumers = new TreeMap<>(listeners.getOrDefault(type, Map.of()));
				consumers.replaceAll((consumer, methods) -> methods.stream()
					.distinct()
					.sorted(Comparator.comparing(Listener::method))
					.toList());
				flows.add(new Flow(IntegrationEvents.typeOf(type), type.getSimpleName(), module.getIdentifier().toString(),
						versionOf(type), consumers));
			}
		}
		flows.sort(Comparator.comparing(Flow::wireName));
		return flows;
	}

	/**
	 * The version {@code event} is published as, as {@link IntegrationEvents} puts it on the wire:
	 * the event's own version ({@code IntegrationEvents.versionOf}) where events carry one, else the
	 * one envelope version every event shares ({@code IntegrationEvents.SCHEMA_VERSION}, 1). Looked up
	 * by name, so that this page is right on either side of the change that gives each event its
	 * own version (issue 27); once that has landed everywhere, call {@code versionOf} directly.
	 */
	static int versionOf(Class<?> event) {
		try {
			return (int) IntegrationEvents.class.getMethod("versionOf", Class.class).invoke(null, event);
		}
		catch (NoSuchMethodException ex) {
			try {
				return IntegrationEvents.class.getField("SCHEMA_VERSION").getInt(null);
			}
			catch (ReflectiveOperationException none) {
				throw new IllegalStateException("IntegrationEvents names no version of " + event.getName(), none);
			}
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("No version of " + event.getName(), ex);
		}
	}

	private static Listener listener(ReferenceMethod reference) {
		JavaMethod method = reference.getMethod();
		return new Listener(method.getOwner().getSimpleName() + "." + method.getName(), reference.isAsync());
	}

	/** The Mermaid flowchart and the table under it, each line ending with a newline. */
	static String eventFlow(List<Flow> flows) {
		StringBuilder out = new StringBuilder();
		out.append("```mermaid\n");
		out.append("flowchart LR\n");
		Set<String> modules = new TreeSet<>();
		flows.forEach(flow -> {
			modules.add(flow.publisher());
			modules.addAll(flow.consumers().keySet());
		});
		for (String module : modules) {
			out.append("  ").append(module).append("[").append(module).append("]:::module\n");
		}
		for (Flow flow : flows) {
			String node = flow.wireName().replace('.', '_');
			out.append("  ").append(node).append("{{\"").append(flow.simpleName()).append(" v").append(flow.version())
				.append("\"}}:::event\n");
			out.append("  ").append(flow.publisher()).append(" --> ").append(node).append("\n");
			flow.consumers().forEach((consumer, methods) -> out.append("  ").append(node).append(" -->|")
				.append(delivery(methods)).append("| ").append(consumer).append("\n"));
		}
		out.append("  classDef module fill:#dbe9f6,stroke:#1f4e79\n");
		out.append("  classDef event fill:#fff4d6,stroke:#a67c00\n");
		out.append("```\n\n");
		out.append("| event (wire type) | version | publisher | consumers (listener method, delivery) |\n");
		out.append("|---|---|---|---|\n");
		for (Flow flow : flows) {
			String consumers = flow.consumers().isEmpty() ? "—" : flow.consumers().entrySet().stream()
				.map(entry -> entry.getKey() + " (" + entry.getValue().stream()
					.map(listener -> "`" + listener.method() + "`, " + (listener.async() ? "async" : "sync"))
					.collect(Collectors.joining("; ")) + ")")
				.collect(Collectors.joining(", "));
			out.append("| `").append(flow.wireName()).append("` | ").append(flow.version()).append(" | ")
				.append(flow.publisher()).append(" | ").append(consumers).append(" |\n");
		}
		return out.toString();
	}

	private static String delivery(List<Listener> methods) {
		return methods.stream().map(listener -> listener.async() ? "async" : "sync").distinct().sorted()
			.collect(Collectors.joining(", "));
	}

	// --- the runtime views ---------------------------------------------------------------------

	static List<String> mermaidBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	/** The participants and calls of one Mermaid sequence diagram. */
	record SequenceDiagram(Map<String, String> participants, Set<String> outside, Set<String> endpoints,
			List<String[]> calls) {

		private static final Pattern PARTICIPANT = Pattern.compile("^\\s*(?:participant|actor)\\s+(\\w+)(?:\\s+as\\s+(.+))?$");

		private static final Pattern OUTSIDE = Pattern.compile("^\\s*%%\\s*outside the code:\\s*(.+)$");

		private static final Pattern MESSAGE = Pattern.compile("^\\s*(\\w+)\\s*(?:-|--)(?:>>|>|x|\\))[+-]?\\s*(\\w+)\\s*:\\s*(.*)$");

		private static final Pattern CALL = Pattern.compile("^(\\w+)\\(");

		static SequenceDiagram parse(String diagram) {
			Map<String, String> participants = new LinkedHashMap<>();
			Set<String> outside = new TreeSet<>();
			Set<String> endpoints = new TreeSet<>();
			List<String[]> calls = new ArrayList<>();
			for (String line : diagram.split("\n")) {
				Matcher participant = PARTICIPANT.matcher(line);
				Matcher out = OUTSIDE.matcher(line);
				Matcher message = MESSAGE.matcher(line);
				if (participant.matches()) {
					String label = participant.group(2) == null ? participant.group(1) : participant.group(2).strip();
					participants.put(participant.group(1), label);
				}
				else if (out.matches()) {
					for (String name : out.group(1).split(",")) {
						outside.add(name.strip());
					}
				}
				else if (message.matches()) {
					endpoints.add(message.group(1));
					endpoints.add(message.group(2));
					Matcher call = CALL.matcher(message.group(3).strip());
					if (call.find()) {
						calls.add(new String[] { message.group(2), call.group(1), line.strip() });
					}
				}
			}
			return new SequenceDiagram(participants, outside, endpoints, calls);
		}

		List<String> problems(JavaClasses classes) {
			List<String> problems = new ArrayList<>();
			endpoints.stream()
				.filter(endpoint -> !participants.containsKey(endpoint))
				.forEach(endpoint -> problems.add("a message names " + endpoint
						+ ", which is not declared as a participant (Mermaid would invent one, unchecked)"));
			outside.stream()
				.filter(name -> !participants.containsKey(name))
				.forEach(name -> problems.add("'%% outside the code' lists " + name + ", which is not a participant"));
			Map<String, JavaClass> resolved = new LinkedHashMap<>();
			participants.forEach((id, label) -> {
				if (outside.contains(id)) {
					return;
				}
				List<JavaClass> matches = classes.stream().filter(type -> nameInPackage(type).equals(label)).toList();
				if (matches.size() != 1) {
					problems.add("participant " + id + " (" + label + ") names " + matches.size()
							+ " classes of the code (expected exactly one; list it under '%% outside the code:' if it is not ours)");
				}
				else {
					resolved.put(id, matches.get(0));
				}
			});
			for (String[] call : calls) {
				JavaClass target = resolved.get(call[0]);
				if (target == null) {
					continue;
				}
				boolean exists = target.getAllMethods().stream().anyMatch(method -> method.getName().equals(call[1]));
				if (!exists) {
					problems.add("'" + call[2] + "': " + target.getName() + " has no method " + call[1]);
				}
			}
			return problems;
		}

		/** {@code Outer.Inner} for a nested class, the simple name otherwise. */
		private static String nameInPackage(JavaClass type) {
			return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
		}
	}
}
