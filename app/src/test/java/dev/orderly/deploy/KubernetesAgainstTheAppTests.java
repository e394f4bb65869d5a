package dev.orderly.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.orderly.support.ModuleRoutes;
import dev.orderly.support.ModuleRoutes.Route;
import dev.orderly.support.RepositoryFiles;
import dev.orderly.support.WithManagementPort;

import static dev.orderly.deploy.KubernetesManifests.container;
import static dev.orderly.deploy.KubernetesManifests.containerPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests (docs/adr/0036) against a running instance with a management port of its
 * own, as the manifests start it: every probe and the scrape answer on the port they name, and the
 * split routing — the ingress, and docker-compose.yml's reverse proxy with it — sends every endpoint
 * of the application to a deployment that runs its module ({@link ModuleRoutes}).
 */
class KubernetesAgainstTheAppTests extends WithManagementPort {

	@LocalServerPort
	int apiPort;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	final HttpClient client = HttpClient.newHttpClient();

	@Test
	void everyProbeAndTheScrapeAnswerOnThePortTheyName() throws Exception {
		for (String overlay : KubernetesManifests.OVERLAYS) {
			KubernetesManifests manifests = KubernetesManifests.render(overlay);
			for (ObjectNode deployment : manifests.ofKind("Deployment")) {
				JsonNode container = container(deployment);
				int management = Integer.parseInt(manifests.environment(container).get("MANAGEMENT_SERVER_PORT").asString());
				for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
					JsonNode get = container.at("/" + probe + "/httpGet");
					int port = containerPort(container, get.get("port"));
					HttpResponse<String> response = get(port == management ? MANAGEMENT_PORT : apiPort,
							get.get("path").asString());
					assertThat(response.statusCode()).as("%s %s %s", overlay, probe, get).isEqualTo(200);
					assertThat(response.body()).as("%s %s", overlay, probe).contains("\"status\":\"UP\"");
				}
				JsonNode scrape = manifests.get("PodMonitor", "orderly").at("/spec/podMetricsEndpoints/0");
				int port = containerPort(container, scrape.get("port"));
				assertThat(port).isEqualTo(management);
				HttpResponse<String> metrics = get(MANAGEMENT_PORT, scrape.get("path").asString());
				assertThat(metrics.statusCode()).as("the scrape needs no token on the management port").isEqualTo(200);
				assertThat(metrics.body()).contains("hikaricp_connections_active").contains("jvm_memory_used_bytes");
			}
		}
	}

	@Test
	void theIngressSendsEveryEndpointToADeploymentThatRunsItsModule() {
		List<Route> routes = ModuleRoutes.of(mapping);
		assertThat(routes).extracting(Route::module).containsAll(ModuleRoutes.MODULES).containsAll(ModuleRoutes.EVERYWHERE);
		for (String overlay : KubernetesManifests.OVERLAYS) {
			KubernetesManifests manifests = KubernetesManifests.render(overlay);
			for (Route route : routes) {
				String service = ingressBackend(manifests, route.path());
				ObjectNode deployment = manifests.deploymentSelectedBy(manifests.get("Service", service).at("/spec/selector"));
				assertThat(manifests.modules(deployment)).as("%s: %s %s goes to %s", overlay, route.method(), route.pattern(),
						deployment.at("/metadata/name").asString()).contains(route.module());
			}
		}
	}

	@Test
	void theSplitProxyOfDockerComposeSendsEveryEndpointToAnInstanceThatRunsItsModule() throws IOException {
		String config = Files.readString(RepositoryFiles.root().resolve("compose/split-proxy.conf"), StandardCharsets.UTF_8);
		JsonNode services = YAMLMapper.shared().readTree(RepositoryFiles.root().resolve("docker-compose.yml").toFile())
			.get("services");
		Map<String, List<String>> upstreams = new LinkedHashMap<>();
		Matcher upstream = Pattern.compile("upstream (\\w+) \\{([^}]*)}").matcher(config);
		while (upstream.find()) {
			upstreams.put(upstream.group(1), Pattern.compile("server ([\\w-]+):\\d+;").matcher(upstream.group(2)).results()
				.map(server -> server.group(1)).toList());
		}
		// nginx: the first regular-expression location that matches, else the prefix location "/"
		Map<Pattern, String> locations = new LinkedHashMap<>();
		Matcher location = Pattern.compile("location ~ (\\S+) \\{\\s*proxy_pass http://(\\w+);").matcher(config);
		while (location.find()) {
			locations.put(Pattern.compile(location.group(1)), location.group(2));
		}
		Matcher fallback = Pattern.compile("location / \\{\\s*proxy_pass http://(\\w+);").matcher(config);
		assertThat(fallback.find()).isTrue();

		for (Route route : ModuleRoutes.of(mapping)) {
			String target = locations.entrySet().stream().filter(entry -> entry.getKey().matcher(route.path()).find())
				.map(Map.Entry::getValue).findFirst().orElse(fallback.group(1));
			assertThat(upstreams.get(target)).isNotEmpty();
			for (String server : upstreams.get(target)) {
				JsonNode modules = services.at("/" + server + "/environment/ORDERLY_MODULES");
				Set<String> runs = ModuleRoutes.runBy(modules.isMissingNode() ? null : modules.asString());
				assertThat(runs).as("%s %s goes to %s", route.method(), route.pattern(), server).contains(route.module());
			}
		}
	}

	/**
	 * The Service the ingress sends a path to. With ingress-nginx's use-regex, every path is a regular
	 * expression matched from the start of the request path, case-insensitively, the longest first; without
	 * it, the paths here are prefixes.
	 */
	static String ingressBackend(KubernetesManifests manifests, String path) {
		ObjectNode ingress = manifests.get("Ingress", "orderly");
		boolean regex = ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1use-regex").asString().equals("true");
		List<JsonNode> paths = new ArrayList<>();
		ingress.at("/spec/rules/0/http/paths").forEach(paths::add);
		paths.sort(Comparator.comparing((JsonNode candidate) -> candidate.get("path").asString().length()).reversed());
		for (JsonNode candidate : paths) {
			String pattern = candidate.get("path").asString();
			boolean matches = regex ? Pattern.compile("^" + pattern, Pattern.CASE_INSENSITIVE).matcher(path).lookingAt()
					: candidate.get("pathType").asString().equals("Prefix")
							&& (pattern.equals("/") || path.equals(pattern) || path.startsWith(pattern + "/"));
			if (matches) {
				return candidate.at("/backend/service/name").asString();
			}
		}
		throw new AssertionError("the ingress routes no path for " + path);
	}

	HttpResponse<String> get(int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
