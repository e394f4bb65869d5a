package dev.orderly.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

import dev.orderly.support.RepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code split} profile of {@code docker-compose.yml} (ADR 0022): RabbitMQ with its management
 * UI, two API instances and one notifications instance behind a reverse proxy whose routes send the
 * notifications API to the notifications instance. (The file as a whole is validated against the
 * Compose Specification by {@link ComposeFileTests}.)
 */
class SplitProfileTests {

	static final List<String> SPLIT = List.of("rabbitmq", "api-1", "api-2", "notifications", "proxy");

	@Test
	void splitProfileRunsTwoApiInstancesAndOneNotificationsInstanceBehindAProxy() throws IOException {
		JsonNode services = YAMLMapper.shared()
			.readTree(Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"), StandardCharsets.UTF_8))
			.get("services");
		for (String name : SPLIT) {
			assertThat(services.at("/" + name + "/profiles").toString()).as(name).isEqualTo("[\"split\"]");
		}
		assertThat(services.at("/app/profiles").isMissingNode()).as("the default stack needs no profile").isTrue();
		assertThat(services.at("/app/environment/ORDERLY_MODULES").isMissingNode()).as("the default app is one process")
			.isTrue();

		assertThat(services.at("/rabbitmq/image").asString()).contains("management");
		assertThat(services.at("/rabbitmq/ports").toString()).contains("15672:15672");
		assertThat(services.at("/rabbitmq/healthcheck/test").isMissingNode()).isFalse();

		for (String instance : List.of("api-1", "api-2", "notifications")) {
			assertThat(services.at("/" + instance + "/environment/ORDERLY_SPLIT_EVENT_KEY").asString()).as(instance)
				.startsWith("${ORDERLY_SPLIT_EVENT_KEY:?");
		}
		for (String api : List.of("api-1", "api-2")) {
			assertThat(services.at("/" + api + "/environment/ORDERLY_MODULES").asString()).isEqualTo("users,auth,orders");
			assertThat(services.at("/" + api + "/environment/ORDERLY_RABBITMQ_HOST").asString()).isEqualTo("rabbitmq");
			assertThat(services.at("/" + api + "/healthcheck/test").toString()).contains("/actuator/health/readiness");
		}
		assertThat(services.at("/api-1/depends_on/rabbitmq/condition").asString()).isEqualTo("service_healthy");
		JsonNode notifications = services.get("notifications");
		assertThat(notifications.at("/environment/ORDERLY_MODULES").asString()).isEqualTo("notifications");
		assertThat(notifications.at("/environment/ORDERLY_SPLIT_JWKS_URI").asString())
			.endsWith("/.well-known/jwks.json");
		assertThat(notifications.at("/environment/ORDERLY_MAIL_HOST").asString()).isEqualTo("mailpit");
		// one issuer for all: the tokens of the API instances are valid on the notifications instance
		assertThat(notifications.at("/environment/ORDERLY_AUTH_ISSUER").asString())
			.isEqualTo(services.at("/api-1/environment/ORDERLY_AUTH_ISSUER").asString())
			.isEqualTo(services.at("/api-2/environment/ORDERLY_AUTH_ISSUER").asString());

		String mount = services.at("/proxy/volumes/0").asString();
		String config = Files.readString(RepositoryFiles.root().resolve(mount.substring(2, mount.indexOf(':'))),
				StandardCharsets.UTF_8);
		assertThat(config).contains("server api-1:8080;", "server api-2:8080;", "server notifications:8080;")
			.contains("location ~ ^/api/v1/(notifications|users/[^/]+/notifications|dev/mailbox)(/|$)")
			.contains("proxy_pass http://orderly_notifications;");
	}

	/**
	 * Least privilege (docs/adr/0038): each split deployable connects to the broker as its own user
	 * (provisioned in the rabbitmq container by deploy/rabbitmq/provision.sh) and to PostgreSQL as its
	 * own runtime role (created by deploy/postgres/roles.sql on the postgres volume's first start); only
	 * api-1 holds the migration role, and the instances that do not migrate start after it.
	 */
	@Test
	void eachSplitDeployableHasABrokerUserAndADatabaseRoleOfItsOwn() throws IOException {
		JsonNode services = YAMLMapper.shared()
			.readTree(Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"), StandardCharsets.UTF_8))
			.get("services");
		Map<String, String> brokerUser = Map.of("api-1", "orderly-api", "api-2", "orderly-api", "notifications",
				"orderly-notifications");
		Map<String, String> databaseRole = Map.of("app", "orderly_monolith", "api-1", "orderly_api", "api-2",
				"orderly_api", "notifications", "orderly_notifications");
		brokerUser.forEach((service, user) -> {
			assertThat(services.at("/" + service + "/environment/ORDERLY_RABBITMQ_USERNAME").asString()).as(service)
				.isEqualTo(user);
			assertThat(services.at("/" + service + "/environment/ORDERLY_RABBITMQ_VHOST").asString()).as(service)
				.isEqualTo(services.at("/rabbitmq/environment/ORDERLY_RABBITMQ_VHOST").asString());
		});
		databaseRole.forEach((service, role) -> assertThat(
				services.at("/" + service + "/environment/ORDERLY_DATABASE_USERNAME").asString()).as(service)
			.isEqualTo(role));
		for (String service : List.of("app", "api-1")) {
			assertThat(services.at("/" + service + "/environment/ORDERLY_DATABASE_MIGRATION_USERNAME").asString())
				.as(service).isEqualTo("orderly_migrator");
		}
		for (String service : List.of("api-2", "notifications")) {
			assertThat(services.at("/" + service + "/environment/ORDERLY_DATABASE_MIGRATION_USERNAME").isMissingNode())
				.as("%s never holds the migration role", service).isTrue();
			assertThat(services.at("/" + service + "/depends_on/api-1/condition").asString()).as(service)
				.isEqualTo("service_healthy");
		}
		// the provisioning is wired into the containers, and the broker is healthy only once it ran
		assertThat(services.at("/rabbitmq/volumes").toString()).contains("./deploy/rabbitmq/provision.sh:");
		assertThat(services.at("/rabbitmq/healthcheck/test").toString()).contains("/tmp/orderly-provisioned");
		assertThat(Files.readString(RepositoryFiles.root().resolve("compose/rabbitmq/start.sh"), StandardCharsets.UTF_8))
			.contains("sh /orderly/provision.sh", "touch /tmp/orderly-provisioned", "exec docker-entrypoint.sh rabbitmq-server");
		assertThat(services.at("/postgres/volumes").toString()).contains("./deploy/postgres/roles.sql:/orderly/roles.sql")
			.contains("/docker-entrypoint-initdb.d/");
		assertThat(Files.readString(RepositoryFiles.root().resolve("compose/postgres/init-roles.sh"), StandardCharsets.UTF_8))
			.contains("-f /orderly/roles.sql");
	}

	@Test
	void instancesTrustOnlyTheProxysFixedAddressAndTheProxyOverwritesForwardedFor() throws IOException {
		JsonNode compose = YAMLMapper.shared()
			.readTree(Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"), StandardCharsets.UTF_8));
		JsonNode services = compose.get("services");
		String proxyAddress = services.at("/proxy/networks/default/ipv4_address").asString();
		assertThat(proxyAddress).as("the proxy has a fixed address").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
		String subnet = compose.at("/networks/default/ipam/config/0/subnet").asString();
		assertThat(new IpAddressMatcher(subnet).matches(proxyAddress))
			.as("the proxy's address lies in the network's fixed subnet").isTrue();
		for (String instance : List.of("api-1", "api-2", "notifications")) {
			assertThat(services.at("/" + instance + "/environment/ORDERLY_TRUSTED_PROXIES").asString()).as(instance)
				.isEqualTo(proxyAddress);
		}
		String composeText = Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"), StandardCharsets.UTF_8);
		assertThat(composeText).doesNotContain("0.0.0.0/0").doesNotContain("::/0");

		String config = Files.readString(RepositoryFiles.root().resolve("compose/split-proxy.conf"), StandardCharsets.UTF_8);
		assertThat(config).contains("proxy_set_header X-Forwarded-For $remote_addr;")
			.doesNotContain("$proxy_add_x_forwarded_for");
	}

	@Test
	void developmentServicesWithDefaultCredentialsArePublishedOnLoopbackOnly() throws IOException {
		JsonNode services = YAMLMapper.shared()
			.readTree(Files.readString(RepositoryFiles.root().resolve("docker-compose.yml"), StandardCharsets.UTF_8))
			.get("services");
		for (String service : List.of("postgres", "mailpit", "rabbitmq")) {
			JsonNode ports = services.at("/" + service + "/ports");
			assertThat(ports.size()).as(service).isPositive();
			for (JsonNode port : ports) {
				assertThat(port.asString()).as(service).startsWith("127.0.0.1:");
			}
		}
	}
}
