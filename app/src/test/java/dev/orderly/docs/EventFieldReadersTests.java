package dev.orderly.docs;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.orderly.platform.events.IntegrationEvents;
import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reads which field of which published event, from the consumers' bytecode (ArchUnit): for every
 * integration event, the modules whose main code refers to it (its consumers) and, per field (nested
 * records as {@code lines.sku}), the modules that call its accessor. Written to
 * {@code docs/contracts/field-readers.json}, which the contract artifacts' compatibility checks read
 * to name the modules a breaking change affects, and rendered as {@code docs/contracts/field-readers.md}
 * (docs/adr/0031). Drift-checked; {@code -Dorderly.docs.update=true} rewrites both.
 */
class EventFieldReadersTests {

	static final Path JSON_FILE = Path.of("docs", "contracts", "field-readers.json");

	static final Path MARKDOWN_FILE = Path.of("docs", "contracts", "field-readers.md");

	static final JavaClasses CODE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.orderly");

	final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	@Test
	void keepsTheFieldReadersInStepWithTheConsumers() throws IOException {
		Map<String, Object> readers = readers();
		drift(JSON_FILE, json.writeValueAsString(readers).replace("\r\n", "\n") + "\n");
		drift(MARKDOWN_FILE, markdown(readers));
	}

	@Test
	void seesWhatNotificationsReadsOfOrderPlacedAndWhatOrdersReadsOfUserDeleted() throws IOException {
		Map<String, Object> readers = readers();
		assertThat(consumers(readers, "orders.OrderPlaced")).contains("notifications");
		assertThat(fields(readers, "orders.OrderPlaced")).containsKey("lines.sku");
		assertThat(fields(readers, "orders.OrderPlaced").get("placedAt")).contains("notifications");
		assertThat(consumers(readers, "users.UserDeleted")).contains("auth", "notifications", "orders");
		assertThat(fields(readers, "users.UserDeleted").get("userId")).contains("orders", "notifications");
	}

	// --- the model ----------------------------------------------------------------------------

	Map<String, Object> readers() throws IOException {
		Map<String, Object> events = new TreeMap<>();
		for (Class<?> type : AsyncApiSpecTests.eventTypes()) {
			String name = IntegrationEvents.typeOf(type);
			String owner = name.substring(0, name.indexOf('.'));
			JavaClass event = CODE.get(type);
			Set<String> dependents = new TreeSet<>();
			event.getDirectDependenciesToSelf()
				.forEach(dependency -> dependents.add(moduleOf(dependency.getOriginClass())));
			dependents.remove(owner);
			dependents.remove("platform");
			// an inbound contract (notifications: AdministratorNoticeRequested) is published by the modules
			// that use it and read by its owner
			boolean inbound = AsyncApiSpecTests.INBOUND.contains(owner);
			String publisher = inbound ? String.join(", ", dependents) : owner;
			Set<String> consumers = inbound ? new TreeSet<>(Set.of(owner)) : dependents;
			Map<String, Set<String>> fields = new LinkedHashMap<>();
			collectFields(type, "", inbound ? "" : owner, fields);
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("version", IntegrationEvents.versionOf(type));
			entry.put("publisher", publisher);
			entry.put("consumers", consumers);
			entry.put("fields", fields);
			events.put(name, entry);
		}
		return events;
	}

	private void collectFields(Class<?> record, String prefix, String publisher, Map<String, Set<String>> fields) {
		JavaClass owner = CODE.get(record);
		for (RecordComponent component : record.getRecordComponents()) {
			Set<String> modules = new TreeSet<>();
			owner.getMethod(component.getName())
				.getAccessesToSelf()
				.forEach(access -> modules.add(moduleOf(access.getOriginOwner())));
			modules.remove(publisher);
			modules.remove("platform");
			fields.put(prefix + component.getName(), modules);
			Class<?> nested = recordIn(component.getGenericType());
			if (nested != null) {
				collectFields(nested, prefix + component.getName() + ".", publisher, fields);
			}
		}
	}

	private static Class<?> recordIn(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				Class<?> found = recordIn(argument);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		return type instanceof Class<?> raw && raw.isRecord() ? raw : null;
	}

	/** {@code dev.orderly.<module>…}; classes of the root package are the composition root, app. */
	private static String moduleOf(JavaClass type) {
		String rest = type.getPackageName().equals("dev.orderly") ? "app"
				: type.getPackageName().substring("dev.orderly.".length());
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	@SuppressWarnings("unchecked")
	private static Set<String> consumers(Map<String, Object> readers, String event) {
		return (Set<String>) ((Map<String, Object>) readers.get(event)).get("consumers");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Set<String>> fields(Map<String, Object> readers, String event) {
		return (Map<String, Set<String>>) ((Map<String, Object>) readers.get(event)).get("fields");
	}

	// --- the files ----------------------------------------------------------------------------

	private static String markdown(Map<String, Object> readers) {
		StringBuilder out = new StringBuilder("""
				# Who reads this field

				Generated from the consumers' bytecode by `EventFieldReadersTests` (app) — do not edit; run it with
				`-Dorderly.docs.update=true` to rewrite this file and `field-readers.json`. For every field of every
				published integration event: the modules whose main code calls its accessor. The contract artifacts'
				compatibility checks name these modules when a change would break them (docs/adr/0031). A field
				nobody reads (—) can still not simply be removed: the event's consumers bind it.
				""");
		for (String event : readers.keySet()) {
			@SuppressWarnings("unchecked")
			Map<String, Object> entry = (Map<String, Object>) readers.get(event);
			Set<String> consumers = consumers(readers, event);
			out.append("\n## ").append(event).append(" (v").append(entry.get("version")).append(")\n\n")
				.append("Published by ").append(entry.get("publisher")).append("; consumed by ")
				.append(consumers.isEmpty() ? "no module" : String.join(", ", consumers)).append(".\n\n")
				.append("| field | read by |\n|---|---|\n");
			fields(readers, event).forEach((field, modules) -> out.append("| `").append(field).append("` | ")
				.append(modules.isEmpty() ? "—" : String.join(", ", modules)).append(" |\n"));
		}
		return out.toString();
	}

	private static void drift(Path relative, String content) throws IOException {
		Path file = RepositoryFiles.root().resolve(relative);
		if (Boolean.getBoolean("orderly.docs.update") || "true".equalsIgnoreCase(System.getenv("ORDERLY_DOCS_UPDATE"))) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
			return;
		}
		assertThat(file).as("%s is missing: run EventFieldReadersTests with -Dorderly.docs.update=true", relative)
			.exists();
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as("%s is stale: run EventFieldReadersTests with -Dorderly.docs.update=true and commit it", relative)
			.isEqualTo(content);
	}
}
