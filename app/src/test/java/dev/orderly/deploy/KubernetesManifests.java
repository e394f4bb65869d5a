package dev.orderly.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.orderly.support.ModuleRoutes;
import dev.orderly.support.RepositoryFiles;

/**
 * The manifests of {@code deploy/kubernetes} as {@code kubectl apply -k} would send them: the overlay's
 * kustomization rendered the way Kustomize does for the few features it uses ({@code resources},
 * {@code namespace}, {@code images}; any other key is refused here, so that the rendering cannot
 * silently differ from Kustomize's — {@link KubernetesManifestsTests} also compares it with
 * {@code kubectl kustomize} wherever kubectl is installed).
 */
public record KubernetesManifests(String overlay, List<ObjectNode> objects) {

	/** The two topologies (docs/adr/0036). */
	public static final List<String> OVERLAYS = List.of("monolith", "split");

	static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images");

	public static Path directory() {
		return RepositoryFiles.root().resolve("deploy/kubernetes");
	}

	public static KubernetesManifests render(String overlay) {
		return new KubernetesManifests(overlay, render(directory().resolve("overlays").resolve(overlay)));
	}

	static List<ObjectNode> render(Path kustomizationDir) {
		JsonNode kustomization = read(kustomizationDir.resolve("kustomization.yaml")).get(0);
		Set<String> unsupported = new TreeSet<>(kustomization.propertyNames());
		unsupported.removeAll(SUPPORTED);
		if (!unsupported.isEmpty()) {
			throw new IllegalStateException(kustomizationDir + ": Kustomize features not rendered here: " + unsupported);
		}
		List<ObjectNode> objects = new ArrayList<>();
		for (JsonNode resource : kustomization.path("resources")) {
			Path path = kustomizationDir.resolve(resource.asString()).normalize();
			objects.addAll(Files.isDirectory(path) ? render(path) : read(path));
		}
		if (kustomization.has("namespace")) {
			for (ObjectNode object : objects) {
				if (!object.path("kind").asString().equals("Namespace")) {
					((ObjectNode) object.get("metadata")).put("namespace", kustomization.get("namespace").asString());
				}
			}
		}
		for (JsonNode image : kustomization.path("images")) {
			String replacement = image.get("newName").asString() + ":" + image.get("newTag").asString();
			for (ObjectNode object : objects) {
				for (String containers : List.of("containers", "initContainers")) {
					for (JsonNode container : object.path("spec").path("template").path("spec").path(containers)) {
						String name = container.get("image").asString().replaceFirst("[:@].*$", "");
						if (name.equals(image.get("name").asString())) {
							((ObjectNode) container).put("image", replacement);
						}
					}
				}
			}
		}
		return objects;
	}

	static List<ObjectNode> read(Path file) {
		try {
			String yaml = Files.readString(file, StandardCharsets.UTF_8);
			List<ObjectNode> objects = new ArrayList<>();
			for (JsonNode document : YAMLMapper.shared().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
				if (document instanceof ObjectNode object) {
					objects.add(object);
				}
			}
			return objects;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The whole rendering as one multi-document YAML file, as {@code kubectl kustomize} prints it. */
	public String yaml() {
		StringBuilder out = new StringBuilder();
		for (ObjectNode object : objects) {
			out.append("---\n").append(YAMLMapper.shared().writeValueAsString(object).replaceFirst("^---\n", ""));
		}
		return out.toString();
	}

	public List<ObjectNode> ofKind(String kind) {
		return objects.stream().filter(object -> object.path("kind").asString().equals(kind)).toList();
	}

	public ObjectNode get(String kind, String name) {
		return ofKind(kind).stream()
			.filter(object -> object.at("/metadata/name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
	}

	/** The deployment whose pods a Service or a selector picks (exactly one). */
	public ObjectNode deploymentSelectedBy(JsonNode selector) {
		List<ObjectNode> selected = ofKind("Deployment").stream()
			.filter(deployment -> matches(selector, deployment.at("/spec/template/metadata/labels")))
			.toList();
		if (selected.size() != 1) {
			throw new AssertionError(overlay + ": " + selector + " selects " + selected.size() + " deployments");
		}
		return selected.get(0);
	}

	static boolean matches(JsonNode selector, JsonNode labels) {
		for (Map.Entry<String, JsonNode> entry : selector.properties()) {
			JsonNode label = labels.path(entry.getKey());
			if (!label.isString() || !Objects.equals(label.asString(), entry.getValue().asString())) {
				return false;
			}
		}
		return true;
	}

	/** The one container of a deployment's pods. */
	public static JsonNode container(JsonNode deployment) {
		JsonNode containers = deployment.at("/spec/template/spec/containers");
		if (containers.size() != 1) {
			throw new AssertionError(deployment.at("/metadata/name") + " has " + containers.size() + " containers");
		}
		return containers.get(0);
	}

	/** The number of a named container port. */
	public static int containerPort(JsonNode container, JsonNode port) {
		return port.isNumber() ? port.asInt() : containerPort(container, port.asString());
	}

	/** The number of a named container port. */
	public static int containerPort(JsonNode container, String name) {
		for (JsonNode candidate : container.path("ports")) {
			if (candidate.path("name").asString().equals(name)) {
				return candidate.get("containerPort").asInt();
			}
		}
		throw new AssertionError("no container port " + name);
	}

	/** The environment a container gets: its ConfigMaps' entries and its own variables (literal or from a Secret). */
	public Map<String, JsonNode> environment(JsonNode container) {
		Map<String, JsonNode> environment = new LinkedHashMap<>();
		for (JsonNode source : container.path("envFrom")) {
			if (!source.has("configMapRef")) {
				throw new AssertionError("only ConfigMaps are read whole: " + source);
			}
			get("ConfigMap", source.at("/configMapRef/name").asString()).path("data").properties()
				.forEach(entry -> environment.put(entry.getKey(), entry.getValue()));
		}
		for (JsonNode variable : container.path("env")) {
			environment.put(variable.get("name").asString(),
					variable.has("value") ? variable.get("value") : variable.get("valueFrom"));
		}
		return environment;
	}

	/** The modules a deployment runs: ORDERLY_MODULES (all when it is not set) and those that run everywhere. */
	public Set<String> modules(JsonNode deployment) {
		JsonNode modules = environment(container(deployment)).get("ORDERLY_MODULES");
		return ModuleRoutes.runBy(modules == null ? null : modules.asString());
	}
}
