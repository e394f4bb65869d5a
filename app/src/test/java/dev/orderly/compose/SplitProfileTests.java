package dev.orderly.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

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
