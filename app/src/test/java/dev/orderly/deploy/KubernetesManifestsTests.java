package dev.orderly.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.orderly.support.RepositoryFiles;

import static dev.orderly.deploy.KubernetesManifests.container;
import static dev.orderly.deploy.KubernetesManifests.containerPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests of {@code deploy/kubernetes} (docs/adr/0036), checked without a cluster:
 * both overlays rendered ({@link KubernetesManifests}) and validated against the Kubernetes and
 * prometheus-operator schemas (the pinned {@code kubernetes-models} packages, installed into
 * {@code tools/kubernetes} with {@code npm ci} on first use: Node.js 20+ like the Spectral lint), and
 * held against the application: documented variables only, every secret it needs from the Secret and
 * none inline, memory from {@code app/jvm.args}, a grace period longer than its shutdown, network
 * policies that allow exactly what it connects to, and the alert rules of docs/ops. Probes and routing
 * are checked against a running instance by {@link KubernetesAgainstTheAppTests}.
 */
class KubernetesManifestsTests {

	static final List<String> OVERLAYS = KubernetesManifests.OVERLAYS;

	/** The highest peak RSS docs/performance.md reports for one instance under the full benchmark. */
	static final long MEASURED_PEAK_RSS_MIB = 521;

	/** What the JVM needs beside the pools jvm.args bounds: GC and symbol tables, class data, platform thread stacks, malloc arenas. */
	static final long JVM_NATIVE_ALLOWANCE_MIB = 96;

	/** PostgreSQL's default max_connections: every pod's pool together stays below it. */
	static final int POSTGRES_MAX_CONNECTIONS = 100;

	/** Variables that hold credentials or personal data: only ever from the Secret. */
	static final Pattern SECRET_VARIABLE = Pattern.compile(".*(PASSWORD|USERNAME|SIGNING_KEY|EVENT_KEY|ADMIN_EMAIL).*");

	static final Path TOOLS = RepositoryFiles.root().resolve("tools/kubernetes");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void installValidator() throws Exception {
		if (!Files.isDirectory(TOOLS.resolve("node_modules/kubernetes-models"))) {
			Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
			assertThat(install.exit()).as("npm ci in tools/kubernetes: %s", install.output()).isZero();
		}
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void validatesAgainstTheKubernetesAndPrometheusOperatorSchemas(String overlay) throws Exception {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		JsonNode results = validate(manifests.yaml());

		assertThat(results.size()).isEqualTo(manifests.objects().size());
		List<String> errors = new ArrayList<>();
		Set<String> kinds = new TreeSet<>();
		for (JsonNode result : results) {
			kinds.add(result.get("kind").asString());
			result.get("errors").forEach(error -> errors.add(result.get("kind").asString() + " "
					+ result.get("name").asString() + ": " + error.asString()));
		}
		assertThat(errors).isEmpty();
		assertThat(kinds).contains("Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service",
				"PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "Ingress", "PodMonitor",
				"PrometheusRule");
	}

	@Test
	void theValidatorRejectsWhatTheApiServerWould() throws Exception {
		KubernetesManifests manifests = KubernetesManifests.render("split");
		((ObjectNode) container(manifests.get("Deployment", "orderly-api")).at("/lifecycle/preStop/sleep")).put("seconds", "ten");
		((ObjectNode) manifests.get("HorizontalPodAutoscaler", "orderly-api").at("/spec/metrics/0/resource/target"))
			.put("averageUtilization", "most");
		manifests.get("PodMonitor", "orderly").put("kind", "PodWatcher");
		String broken = manifests.yaml();

		List<String> errors = new ArrayList<>();
		validate(broken).forEach(result -> result.get("errors").forEach(error -> errors.add(error.asString())));
		assertThat(errors).anySatisfy(error -> assertThat(error).contains("preStop/sleep/seconds must be integer"))
			.anySatisfy(error -> assertThat(error).contains("averageUtilization must be integer"))
			.anySatisfy(error -> assertThat(error).contains("no schema for monitoring.coreos.com/v1 PodWatcher"));
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void rendersAsKustomizeDoesWhereKubectlIsInstalled(String overlay) throws Exception {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		Result kubectl;
		try {
			kubectl = run(List.of("kubectl", "kustomize", KubernetesManifests.directory().resolve("overlays")
				.resolve(overlay).toString()), 60);
		}
		catch (IOException notInstalled) {
			// no kubectl (as in CI): the rendering is held to the Kustomize features it supports only
			assertThat(KubernetesManifests.SUPPORTED).containsExactlyInAnyOrder("apiVersion", "kind", "resources",
					"namespace", "images");
			return;
		}
		assertThat(kubectl.exit()).as(kubectl.output()).isZero();
		Map<String, JsonNode> expected = new TreeMap<>();
		YAMLMapper.shared().readerFor(JsonNode.class).<JsonNode>readValues(kubectl.output()).readAll()
			.forEach(object -> expected.put(key(object), object));
		Map<String, JsonNode> actual = new TreeMap<>();
		manifests.objects().forEach(object -> actual.put(key(object), object));
		assertThat(actual).isEqualTo(expected);
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void setsOnlyVariablesTheApplicationDocuments(String overlay) throws IOException {
		Set<String> documented = documentedVariables();
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			assertThat(manifests.environment(container(deployment)).keySet())
				.as("variables of %s not in the README's configuration tables", name(deployment))
				.isSubsetOf(documented);
		}
		for (ObjectNode config : manifests.ofKind("ConfigMap")) {
			assertThat(config.get("data").propertyNames()).as(name(config)).isSubsetOf(documented);
		}
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void providesEverySecretTheModulesNeedFromTheSecretAndNoneInline(String overlay) throws IOException {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		for (ObjectNode config : manifests.ofKind("ConfigMap")) {
			assertThat(config.get("data").propertyNames()).as("secrets in ConfigMap %s", name(config))
				.noneMatch(key -> SECRET_VARIABLE.matcher(key).matches());
		}
		String readme = Files.readString(RepositoryFiles.root().resolve("README.md"), StandardCharsets.UTF_8);
		Map<String, String> brokerUsers = new HashMap<>();
		Map<String, String> databaseUsers = new HashMap<>();
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			Map<String, JsonNode> environment = manifests.environment(container(deployment));
			Set<String> modules = manifests.modules(deployment);
			Set<String> required = new TreeSet<>(Set.of("ORDERLY_DATABASE_USERNAME", "ORDERLY_DATABASE_PASSWORD"));
			if (modules.contains("auth")) {
				required.add("ORDERLY_AUTH_SIGNING_KEYS");
			}
			if (modules.contains("users")) {
				// the deployment that serves the API migrates, as the migration role (docs/adr/0038); the
				// notifications deployment never holds those credentials
				required.addAll(Set.of("ORDERLY_DATABASE_MIGRATION_USERNAME", "ORDERLY_DATABASE_MIGRATION_PASSWORD"));
			}
			if (modules.contains("users")) {
				required.addAll(Set.of("ORDERLY_ADMIN_EMAIL", "ORDERLY_ADMIN_PASSWORD"));
			}
			if (modules.contains("notifications")) {
				required.addAll(Set.of("ORDERLY_MAIL_USERNAME", "ORDERLY_MAIL_PASSWORD"));
				assertThat(environment.get("ORDERLY_MAIL_HOST").asString()).as("no development mailbox in production")
					.isNotBlank();
			}
			boolean split = environment.containsKey("ORDERLY_MODULES");
			if (split) {
				// the event key signs and encrypts the integration events (docs/adr/0034)
				required.addAll(Set.of("ORDERLY_RABBITMQ_USERNAME", "ORDERLY_RABBITMQ_PASSWORD", "ORDERLY_SPLIT_EVENT_KEY"));
				assertThat(environment.get("ORDERLY_RABBITMQ_HOST").asString()).isNotBlank();
			}
			assertThat(environment.get("SPRING_PROFILES_ACTIVE").asString()).isEqualTo("prod");
			for (Map.Entry<String, JsonNode> variable : environment.entrySet()) {
				boolean secret = SECRET_VARIABLE.matcher(variable.getKey()).matches();
				boolean fromSecret = variable.getValue().has("secretKeyRef");
				assertThat(fromSecret).as("%s of %s from the Secret", variable.getKey(), name(deployment)).isEqualTo(secret);
				if (fromSecret) {
					JsonNode reference = variable.getValue().get("secretKeyRef");
					assertThat(reference.get("name").asString()).isEqualTo("orderly");
					assertThat(reference.path("optional").asBoolean(false)).as("a missing key keeps the pod from starting")
						.isFalse();
					assertThat(readme).as("the README lists the Secret's key").contains("`" + reference.get("key").asString() + "`");
				}
			}
			assertThat(environment.keySet().stream().filter(key -> SECRET_VARIABLE.matcher(key).matches()))
				.as("the secrets of %s (modules %s): what its modules need, nothing more", name(deployment), modules)
				.containsExactlyInAnyOrderElementsOf(required);
			databaseUsers.put(name(deployment), environment.get("ORDERLY_DATABASE_USERNAME").at("/secretKeyRef/key").asString());
			assertThat(environment.get("ORDERLY_DATABASE_USERNAME").at("/secretKeyRef/key").asString())
				.as("a runtime role, never the migration role")
				.isNotEqualTo(environment.containsKey("ORDERLY_DATABASE_MIGRATION_USERNAME")
						? environment.get("ORDERLY_DATABASE_MIGRATION_USERNAME").at("/secretKeyRef/key").asString() : "");
			if (split) {
				brokerUsers.put(name(deployment), environment.get("ORDERLY_RABBITMQ_USERNAME").at("/secretKeyRef/key").asString());
			}
			String trusted = environment.get("ORDERLY_TRUSTED_PROXIES").asString();
			assertThat(trusted).as("only the ingress controller's addresses").isNotBlank()
				.doesNotContain("0.0.0.0/0").doesNotContain("::/0");
		}
		assertThat(new TreeSet<>(brokerUsers.values())).as("a broker user of its own for each deployment")
			.hasSameSizeAs(brokerUsers.values());
		assertThat(new TreeSet<>(databaseUsers.values())).as("a database runtime role of its own for each deployment")
			.hasSameSizeAs(databaseUsers.values());
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void instancesWithoutAuthValidateTokensWithTheJwksOfAnInstanceWithIt(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			if (manifests.modules(deployment).contains("auth")) {
				continue;
			}
			Matcher uri = Pattern.compile("http://([^:/]+):(\\d+)/\\.well-known/jwks\\.json")
				.matcher(manifests.environment(container(deployment)).get("ORDERLY_SPLIT_JWKS_URI").asString());
			assertThat(uri.matches()).isTrue();
			ObjectNode service = manifests.get("Service", uri.group(1));
			ObjectNode issuer = manifests.deploymentSelectedBy(service.at("/spec/selector"));
			assertThat(manifests.modules(issuer)).contains("auth");
			assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(Integer.parseInt(uri.group(2)));
		}
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void givesTheJvmOfJvmArgsMoreMemoryThanItCanUse(String overlay) throws IOException {
		Map<String, Long> jvm = jvmArgsMib();
		long bounded = jvm.get("-Xmx") + jvm.get("-XX:MaxMetaspaceSize") + jvm.get("-XX:ReservedCodeCacheSize")
				+ jvm.get("-XX:MaxDirectMemorySize");
		assertThat(jvm.get("-Xms")).as("the heap is committed at start: its size does not grow later")
			.isEqualTo(jvm.get("-Xmx"));

		for (ObjectNode deployment : KubernetesManifests.render(overlay).ofKind("Deployment")) {
			JsonNode container = container(deployment);
			assertThat(container.get("command").toString()).as("the JVM settings of app/jvm.args")
				.contains("\"@/app/jvm.args\"");
			JsonNode resources = container.get("resources");
			long limit = mebibytes(resources.at("/limits/memory").asString());
			assertThat(limit).as("%s: memory limit over heap, metaspace, code cache, direct memory and the JVM's own",
					name(deployment)).isGreaterThanOrEqualTo(bounded + JVM_NATIVE_ALLOWANCE_MIB);
			assertThat(limit).as("%s: 25 %% over the measured peak", name(deployment))
				.isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB * 5 / 4);
			assertThat(resources.at("/requests/memory").asString()).as("memory request = limit")
				.isEqualTo(resources.at("/limits/memory").asString());
			assertThat(resources.at("/requests/cpu").isMissingNode()).as("a CPU request for the autoscaler").isFalse();
			long tmp = mebibytes(deployment.at("/spec/template/spec/volumes/0/emptyDir/sizeLimit").asString());
			assertThat(mebibytes(resources.at("/limits/ephemeral-storage").asString())).as("/tmp fits the pod's disk")
				.isGreaterThan(tmp);
		}
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void runsRestrictedPodsThatStopGracefully(String overlay) throws IOException {
		Duration shutdownPhase = shutdownPhase();
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			JsonNode pod = deployment.at("/spec/template/spec");
			JsonNode container = container(deployment);
			assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
			assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
			assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
			assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
			assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
			assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
			assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
			assertThat(container.at("/volumeMounts/0/mountPath").asString()).as("a writable /tmp").isEqualTo("/tmp");
			assertThat(pod.at("/volumes/0/name").asString()).isEqualTo(container.at("/volumeMounts/0/name").asString());
			assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();

			long preStop = container.at("/lifecycle/preStop/sleep/seconds").asLong();
			assertThat(preStop).as("the pod leaves the endpoints before it stops accepting").isGreaterThanOrEqualTo(5);
			assertThat(pod.get("terminationGracePeriodSeconds").asLong())
				.as("pre-stop delay + draining the web server + the other shutdown phases, each at most %s", shutdownPhase)
				.isGreaterThanOrEqualTo(preStop + 2 * shutdownPhase.toSeconds());
			assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
		}
		// one pod template for all: the deployments differ in their modules, variables and labels only
		List<String> templates = manifests.ofKind("Deployment").stream().map(deployment -> {
			ObjectNode pod = (ObjectNode) deployment.at("/spec/template/spec").deepCopy();
			pod.remove("topologySpreadConstraints");
			ObjectNode container = (ObjectNode) pod.get("containers").get(0);
			container.remove("env");
			container.remove("envFrom");
			return pod.toString();
		}).distinct().toList();
		assertThat(templates).hasSize(1);
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void probesTheManagementPortTheApplicationIsGiven(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			JsonNode container = container(deployment);
			int management = Integer.parseInt(manifests.environment(container).get("MANAGEMENT_SERVER_PORT").asString());
			assertThat(container.at("/startupProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
			assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
			assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(containerPort(container, container.at("/" + probe + "/httpGet/port"))).as(probe)
					.isEqualTo(management);
			}
			assertThat(container.at("/startupProbe/periodSeconds").asInt()
					* container.at("/startupProbe/failureThreshold").asInt()).as("time to migrate and start")
				.isGreaterThanOrEqualTo(120);
		}
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void letsTrafficOnlyWhereTheApplicationNeedsIt(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			JsonNode container = container(deployment);
			Map<String, JsonNode> environment = manifests.environment(container);
			JsonNode labels = deployment.at("/spec/template/metadata/labels");
			Set<String> ingress = new TreeSet<>();
			Set<String> egress = new TreeSet<>();
			for (ObjectNode policy : manifests.ofKind("NetworkPolicy")) {
				if (!KubernetesManifests.matches(policy.at("/spec/podSelector/matchLabels"), labels)) {
					continue;
				}
				assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
				for (JsonNode rule : policy.at("/spec/ingress")) {
					for (JsonNode peer : rule.get("from")) {
						for (JsonNode port : rule.get("ports")) {
							ingress.add(peer(peer) + " -> " + containerPort(container, port.get("port")));
						}
					}
				}
				for (JsonNode rule : policy.at("/spec/egress")) {
					for (JsonNode peer : rule.get("to")) {
						for (JsonNode port : rule.get("ports")) {
							egress.add(peer(peer) + " -> " + port.get("port").asInt() + "/" + port.get("protocol").asString());
						}
					}
				}
			}
			int http = KubernetesManifests.containerPort(container, "http");
			int management = Integer.parseInt(environment.get("MANAGEMENT_SERVER_PORT").asString());
			Set<String> expectedIngress = new TreeSet<>(Set.of("namespace ingress-nginx -> " + http,
					"namespace monitoring -> " + management));
			Set<String> expectedEgress = new TreeSet<>(Set.of("dns -> 53/UDP", "dns -> 53/TCP", "public addresses -> 443/TCP",
					"address -> " + port(environment.get("ORDERLY_DATABASE_URL").asString(), "jdbc:postgresql://[^:/]+:(\\d+)/.*") + "/TCP"));
			Set<String> modules = manifests.modules(deployment);
			if (modules.contains("notifications")) {
				expectedEgress.add("address -> " + environment.get("ORDERLY_MAIL_PORT").asString() + "/TCP");
			}
			if (environment.containsKey("ORDERLY_MODULES")) {
				expectedEgress.add("address -> " + environment.get("ORDERLY_RABBITMQ_PORT").asString() + "/TCP");
			}
			if (!modules.contains("auth")) {
				ObjectNode issuer = manifests.deploymentSelectedBy(
						manifests.get("Service", environment.get("ORDERLY_SPLIT_JWKS_URI").asString().split("[/:]+")[1])
							.at("/spec/selector"));
				String component = issuer.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asString();
				expectedEgress.add("pods " + component + " -> "
						+ port(environment.get("ORDERLY_SPLIT_JWKS_URI").asString(), "http://[^:/]+:(\\d+)/.*") + "/TCP");
			}
			for (ObjectNode other : manifests.ofKind("Deployment")) {
				Map<String, JsonNode> theirs = manifests.environment(container(other));
				if (theirs.containsKey("ORDERLY_SPLIT_JWKS_URI") && manifests.deploymentSelectedBy(manifests
					.get("Service", theirs.get("ORDERLY_SPLIT_JWKS_URI").asString().split("[/:]+")[1])
					.at("/spec/selector")) == deployment) {
					expectedIngress.add("pods " + other.at("/spec/template/metadata/labels/app.kubernetes.io~1component")
						.asString() + " -> " + http);
				}
			}
			assertThat(ingress).as("who reaches %s", name(deployment)).isEqualTo(expectedIngress);
			assertThat(egress).as("what %s reaches", name(deployment)).isEqualTo(expectedEgress);
		}
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void keepsInstancesThroughDisruptionsAndScalesTheApi(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		int connections = 0;
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			String name = name(deployment);
			JsonNode budget = manifests.ofKind("PodDisruptionBudget").stream()
				.filter(pdb -> manifests.deploymentSelectedBy(pdb.at("/spec/selector/matchLabels")) == deployment)
				.findFirst().orElseThrow(() -> new AssertionError("no PodDisruptionBudget for " + name));
			List<ObjectNode> autoscalers = manifests.ofKind("HorizontalPodAutoscaler").stream()
				.filter(hpa -> hpa.at("/spec/scaleTargetRef/name").asString().equals(name))
				.toList();
			int pool = Integer.parseInt(manifests.environment(container(deployment)).get("ORDERLY_DATABASE_POOL_SIZE").asString());
			int least;
			if (manifests.modules(deployment).contains("orders")) {
				assertThat(autoscalers).as("the API deployment %s scales on CPU", name).hasSize(1);
				JsonNode hpa = autoscalers.get(0).get("spec");
				assertThat(hpa.at("/metrics/0/resource/name").asString()).isEqualTo("cpu");
				least = hpa.get("minReplicas").asInt();
				assertThat(deployment.at("/spec/replicas").isMissingNode()).as("%s: an apply must not reset the autoscaler's count",
						name).isTrue();
				connections += hpa.get("maxReplicas").asInt() * pool;
			}
			else {
				assertThat(autoscalers).as(name).isEmpty();
				least = deployment.at("/spec/replicas").asInt();
				connections += least * pool;
			}
			assertThat(least).as("%s: more than one instance", name).isGreaterThanOrEqualTo(2);
			if (budget.at("/spec/minAvailable").isMissingNode()) {
				assertThat(budget.at("/spec/maxUnavailable").asInt()).isBetween(1, least - 1);
			}
			else {
				assertThat(budget.at("/spec/minAvailable").asInt()).as("a node drain can proceed").isBetween(1, least - 1);
			}
		}
		assertThat(connections).as("database connections of every pod at the most").isLessThan(POSTGRES_MAX_CONNECTIONS);
	}

	@ParameterizedTest
	@FieldSource("OVERLAYS")
	void scrapesEveryPodOnItsManagementPortAsTheJobTheAlertsSelect(String overlay) throws IOException {
		KubernetesManifests manifests = KubernetesManifests.render(overlay);
		JsonNode monitor = manifests.get("PodMonitor", "orderly").get("spec");
		assertThat(monitor.at("/podMetricsEndpoints/0/path").asString()).isEqualTo("/actuator/prometheus");
		for (ObjectNode deployment : manifests.ofKind("Deployment")) {
			JsonNode labels = deployment.at("/spec/template/metadata/labels");
			assertThat(KubernetesManifests.matches(monitor.at("/selector/matchLabels"), labels)).as(name(deployment)).isTrue();
			assertThat(containerPort(container(deployment), monitor.at("/podMetricsEndpoints/0/port")))
				.isEqualTo(Integer.parseInt(manifests.environment(container(deployment)).get("MANAGEMENT_SERVER_PORT").asString()));
			assertThat(labels.get(monitor.get("jobLabel").asString()).asString()).as("job=\"orderly\" in docs/ops's rules")
				.isEqualTo("orderly");
		}
		JsonNode alerts = YAMLMapper.shared()
			.readTree(RepositoryFiles.root().resolve("docs/ops/prometheus/alerts.yml").toFile());
		assertThat(manifests.get("PrometheusRule", "orderly").at("/spec/groups")).as("the rules of docs/ops, unchanged")
			.isEqualTo(alerts.get("groups"));
	}

	// ---------------------------------------------------------------------------------------------

	/** Every variable the README's configuration tables name (`A` / `B`, and `A_X` / `_Y` for A_Y). */
	static Set<String> documentedVariables() throws IOException {
		Set<String> documented = new TreeSet<>();
		for (String line : Files.readAllLines(RepositoryFiles.root().resolve("README.md"))) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String first = null;
			Matcher name = Pattern.compile("`([A-Z_][A-Z0-9_]*)`").matcher(line.split("\\|")[1]);
			while (name.find()) {
				String token = name.group(1);
				if (token.startsWith("_") && first != null) {
					documented.add(first.substring(0, first.lastIndexOf('_')) + token);
				}
				else if (!token.startsWith("_")) {
					first = first == null ? token : first;
					documented.add(token);
				}
			}
		}
		return documented;
	}

	static Map<String, Long> jvmArgsMib() throws IOException {
		Map<String, Long> sizes = new HashMap<>();
		for (String line : Files.readAllLines(RepositoryFiles.root().resolve("app/jvm.args"))) {
			Matcher option = Pattern.compile("^(-Xm[sx]|-Xss|-XX:\\w+)=?(\\d+)([kmg])$").matcher(line.trim());
			if (option.matches()) {
				long value = Long.parseLong(option.group(2));
				sizes.put(option.group(1), switch (option.group(3)) {
					case "k" -> Math.max(1, value / 1024);
					case "g" -> value * 1024;
					default -> value;
				});
			}
		}
		return sizes;
	}

	static Duration shutdownPhase() throws IOException {
		JsonNode yaml = YAMLMapper.shared().readTree(RepositoryFiles.root().resolve("app/src/main/resources/application.yml").toFile());
		String phase = yaml.at("/spring/lifecycle/timeout-per-shutdown-phase").asString();
		assertThat(phase).matches("\\d+s");
		return Duration.ofSeconds(Long.parseLong(phase.substring(0, phase.length() - 1)));
	}

	static long mebibytes(String quantity) {
		Matcher matcher = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
		assertThat(matcher.matches()).as("a quantity in Mi or Gi: %s", quantity).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return matcher.group(2).equals("Gi") ? value * 1024 : value;
	}

	static String port(String url, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(url);
		assertThat(matcher.matches()).as("%s names its port", url).isTrue();
		return matcher.group(1);
	}

	static String peer(JsonNode peer) {
		if (peer.has("ipBlock")) {
			if (peer.at("/ipBlock/cidr").asString().equals("0.0.0.0/0")) {
				// webhook receivers: anywhere but the private, shared, loopback and link-local ranges
				assertThat(peer.at("/ipBlock/except").toString()).contains("\"10.0.0.0/8\"", "\"172.16.0.0/12\"",
						"\"192.168.0.0/16\"", "\"169.254.0.0/16\"", "\"100.64.0.0/10\"", "\"127.0.0.0/8\"");
				return "public addresses";
			}
			return "address";
		}
		if ("kube-dns".equals(peer.at("/podSelector/matchLabels/k8s-app").asString())) {
			return "dns";
		}
		if (peer.has("namespaceSelector")) {
			return "namespace " + peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asString();
		}
		return "pods " + peer.at("/podSelector/matchLabels/app.kubernetes.io~1component").asString();
	}

	static String name(JsonNode object) {
		return object.at("/metadata/name").asString();
	}

	static String key(JsonNode object) {
		return object.get("kind").asString() + "/" + name(object);
	}

	/** The validator's findings for every document of a multi-document YAML. */
	static JsonNode validate(String yaml) throws Exception {
		Path file = Files.createTempFile("manifests", ".yaml");
		try {
			Files.writeString(file, yaml);
			Result result = run(List.of("node", "validate.mjs", file.toString()), 120);
			assertThat(result.exit()).as(result.output()).isZero();
			return JSON.readTree(result.output());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	record Result(int exit, String output) {
	}

	/** Runs a command in tools/kubernetes; its standard output (standard error goes to the test's log). */
	static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
		Path out = Files.createTempFile("kubernetes", ".out");
		Process process = new ProcessBuilder(command).directory(TOOLS.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.redirectOutput(out.toFile())
			.start();
		try {
			boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			assertThat(finished).as("%s finished within %d s", command, timeoutSeconds).isTrue();
			return new Result(process.exitValue(), Files.readString(out));
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(out);
		}
	}
}
