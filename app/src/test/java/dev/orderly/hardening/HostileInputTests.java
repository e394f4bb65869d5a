package dev.orderly.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.orderly.platform.test.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile strings through every string input of every operation of the committed OpenAPI
 * description ({@code docs/openapi.json}, kept in step with the code by {@link OpenApiSpecTests}):
 * each string property of the request body (nested objects and array items included), each string
 * query, path and header parameter gets, in a request of its own, one hostile value — NUL, a bidi
 * override, an unpaired surrogate, 1 MB, SQL, format and template metacharacters — while the other
 * inputs are plausible. Each request is sent as a user and as an administrator (real accounts),
 * byte for byte over a socket so that nothing is "fixed" by the client. No answer may be a 5xx, and
 * every error must be the envelope with the request id of the response.
 * <p>
 * Generated from the spec: a new endpoint is covered without a new test. Bounded: one hostile value
 * per input and operation, the kinds rotating in an order drawn from a seeded random
 * ({@code -Dorderly.hostile.seed=…} to try another order).
 */
@HostileInputTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests {

	static final long SEED = Long.getLong("orderly.hostile.seed", 16L);

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String MARKER = "__HOSTILE_VALUE__";

	/** The hostile values, as JSON string content, as a URL component and as a header value. */
	enum Hostile {

		NUL("a\\u0000b", "a%00b", "a\u0000b"),
		BIDI_OVERRIDE("invoice\u202Efdp.exe", "invoice%E2%80%AEfdp.exe", latin1("invoice\u202Efdp.exe")),
		UNPAIRED_SURROGATE("x\\uD800y", "x%ED%A0%80y", "x\u00ED\u00A0\u0080y"),
		ONE_MEGABYTE("x".repeat(1_048_576), "x".repeat(16_384), "x".repeat(16_384)),
		SQL("'; DROP TABLE users.users; --", "%27%3B%20DROP%20TABLE%20users.users%3B%20--",
				"'; DROP TABLE users.users; --"),
		FORMAT("%s%n%x%d%p", "%25s%25n%25x%25d%25p", "%s%n%x%d%p"),
		TEMPLATE("{{7*7}}${7*7}<%= 7*7 %>#{7*7}", "%7B%7B7*7%7D%7D%24%7B7*7%7D", "{{7*7}}${7*7}<%= 7*7 %>");

		final String json;

		final String url;

		final String header;

		Hostile(String json, String url, String header) {
			this.json = json;
			this.url = url;
			this.header = header;
		}

		private static String latin1(String text) {
			return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
		}
	}

	/** One request: an operation with exactly one hostile input. */
	record Case(String method, String path, String where, String field, Hostile hostile, String target,
			List<String> headers, byte[] body) {

		String describe(String as) {
			return method + " " + path + " " + where + " '" + field + "' = " + hostile + " as " + as;
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	String user;

	UUID userId;

	String admin;

	String sku;

	UUID orderId;

	@BeforeEach
	void realAccountsAProductAndAnOrder() throws IOException {
		admin = login("admin@orderly.test", "Correct-Horse-Battery-9");
		String email = "hostile-" + UUID.randomUUID() + "@example.com";
		assertThat(send("POST /api/v1/users", null, json(Map.of("email", email, "password", "Sunny-Meadow-Walk-42",
				"displayName", "Hostile Tester"))).status()).isEqualTo(202);
		userId = jdbc.sql("SELECT id FROM users.users WHERE email = :email").param("email", email).query(UUID.class).single();
		user = login(email, "Sunny-Meadow-Walk-42");
		sku = "HOSTILE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		assertThat(send("PUT /api/v1/products/" + sku, admin,
				json(Map.of("name", "Hostile beans", "unitPrice", 500, "currency", "EUR"))).status()).isIn(200, 201);
		RawHttp.Response order = send("POST /api/v1/orders", user, json(Map.of("items", List.of(Map.of("sku", sku,
				"quantity", 1)), "shippingAddress", Map.of("name", "H", "line1", "1 Street", "city", "Lyon", "country", "FR"))),
				"Idempotency-Key: " + UUID.randomUUID());
		assertThat(order.status()).as(order.body()).isEqualTo(201);
		orderId = UUID.fromString(JSON.readTree(order.body()).path("data").path("id").asString());
	}

	@Test
	void noHostileStringInAnyInputOfAnyOperationGivesA5xxOrLeavesTheEnvelope(CapturedOutput logs) throws IOException {
		JsonNode spec = JSON.readTree(Files.readString(repositoryRoot().resolve("docs/openapi.json")));
		List<Hostile> rotation = new ArrayList<>(List.of(Hostile.values()));
		Collections.shuffle(rotation, new Random(SEED));
		List<Case> cases = cases(spec, rotation);

		Set<String> operations = new LinkedHashSet<>();
		Set<Hostile> used = EnumSet.noneOf(Hostile.class);
		List<String> failures = new ArrayList<>();
		for (Case c : cases) {
			operations.add(c.method() + " " + c.path());
			used.add(c.hostile());
			for (Map.Entry<String, String> identity : Map.of("user", user, "admin", admin).entrySet()) {
				List<String> headers = new ArrayList<>(c.headers());
				headers.add("Authorization: Bearer " + identity.getValue());
				RawHttp.Response response = RawHttp.send(port,
						c.method() + " " + c.target() + " HTTP/1.1\r\n" + String.join("\r\n", headers), c.body());
				String problem = problem(response);
				if (problem != null) {
					failures.add(c.describe(identity.getKey()) + " → " + response.status() + ": " + problem + " "
							+ abbreviate(response.body()));
				}
			}
		}
		assertThat(failures).as("seed %d, %d requests", SEED, cases.size() * 2).isEmpty();
		assertThat(logs.getAll()).as("nothing reached PostgreSQL raw or failed unexpectedly")
			.doesNotContain("invalid byte sequence")
			.doesNotContain("Unexpected error on");
		assertThat(used).as("every kind of hostile value was sent").containsExactlyInAnyOrder(Hostile.values());
		assertThat(operations).as("operations with a string input").hasSizeGreaterThan(25)
			.contains("POST /api/v1/users", "POST /api/v1/auth/login", "GET /api/v1/notifications",
					"PUT /api/v1/products/{sku}", "POST /api/v1/orders");
	}

	/** Why the response breaks the rules, or {@code null} when it keeps them. */
	static String problem(RawHttp.Response response) {
		if (response.status() >= 500) {
			return "server error";
		}
		if (response.status() < 400) {
			return response.header("X-Request-Id") == null ? "no X-Request-Id" : null;
		}
		String type = response.header("Content-Type");
		if (type == null || !type.startsWith("application/json")) {
			return "not JSON (" + type + ")";
		}
		JsonNode error;
		try {
			error = JSON.readTree(response.body()).path("error");
		}
		catch (RuntimeException ex) {
			return "unreadable body";
		}
		if (error.path("code").asString("").isBlank() || error.path("message").asString("").isBlank()) {
			return "no error envelope";
		}
		String id = error.path("requestId").asString("");
		if (id.isBlank() || !id.equals(response.header("X-Request-Id"))) {
			return "request id missing or not the header's";
		}
		return null;
	}

	// the cases, from the spec

	List<Case> cases(JsonNode spec, List<Hostile> rotation) {
		List<Case> cases = new ArrayList<>();
		int[] turn = { 0 };
		for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase(Locale.ROOT);
				JsonNode op = operation.getValue();
				List<JsonNode> parameters = new ArrayList<>();
				op.path("parameters").forEach(parameters::add);
				for (JsonNode parameter : parameters) {
					if ("string".equals(parameter.path("schema").path("type").asString())) {
						Hostile hostile = rotation.get(turn[0]++ % rotation.size());
						cases.add(parameterCase(spec, method, path.getKey(), op, parameters, parameter, hostile));
					}
				}
				JsonNode content = op.path("requestBody").path("content");
				if (!content.isMissingNode()) {
					String mediaType = content.propertyNames().iterator().next();
					JsonNode schema = resolve(spec, content.path(mediaType).path("schema"));
					List<String> fields = new ArrayList<>();
					JsonNode base = example(spec, schema, "", fields, 0);
					for (String field : fields) {
						Hostile hostile = rotation.get(turn[0]++ % rotation.size());
						byte[] body = withHostile(base, field, hostile);
						cases.add(new Case(method, path.getKey(), "body", field, hostile,
								target(path.getKey(), parameters, null, null), headers(parameters, mediaType), body));
					}
				}
			}
		}
		return cases;
	}

	Case parameterCase(JsonNode spec, String method, String path, JsonNode op, List<JsonNode> parameters,
			JsonNode parameter, Hostile hostile) {
		String name = parameter.path("name").asString();
		String in = parameter.path("in").asString();
		List<String> headers = new ArrayList<>();
		String mediaType = null;
		byte[] body = null;
		JsonNode content = op.path("requestBody").path("content");
		if (!content.isMissingNode()) {
			mediaType = content.propertyNames().iterator().next();
			body = JSON.writeValueAsBytes(example(spec, resolve(spec, content.path(mediaType).path("schema")), "",
					new ArrayList<>(), 0));
		}
		headers.addAll(headers(parameters, mediaType));
		if ("header".equals(in)) {
			headers.removeIf(header -> header.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"));
			headers.add(name + ": " + hostile.header);
		}
		String target = target(path, parameters, "header".equals(in) ? null : name, hostile);
		return new Case(method, path, in, name, hostile, target, headers, body);
	}

	/** The request target: path parameters filled with real ids, the hostile one (if any) in its place. */
	String target(String path, List<JsonNode> parameters, String hostileName, Hostile hostile) {
		String target = path;
		StringBuilder query = new StringBuilder();
		for (JsonNode parameter : parameters) {
			String name = parameter.path("name").asString();
			String in = parameter.path("in").asString();
			boolean isHostile = name.equals(hostileName);
			if ("path".equals(in)) {
				target = target.replace("{" + name + "}", isHostile ? hostile.url : pathValue(path, name));
			}
			else if ("query".equals(in) && isHostile) {
				query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(hostile.url);
			}
		}
		return target + query;
	}

	String pathValue(String path, String name) {
		return switch (name) {
			case "sku" -> sku;
			case "userId" -> userId.toString();
			default -> path.startsWith("/api/v1/orders") ? orderId.toString()
					: path.startsWith("/api/v1/users") ? userId.toString() : UUID.randomUUID().toString();
		};
	}

	static List<String> headers(List<JsonNode> parameters, String mediaType) {
		List<String> headers = new ArrayList<>();
		if (mediaType != null) {
			headers.add("Content-Type: " + mediaType);
		}
		for (JsonNode parameter : parameters) {
			if ("header".equals(parameter.path("in").asString())
					&& "Idempotency-Key".equalsIgnoreCase(parameter.path("name").asString())) {
				headers.add("Idempotency-Key: " + UUID.randomUUID());
			}
		}
		return headers;
	}

	/**
	 * A plausible value for a schema; {@code fields} collects the JSON paths of its string leaves
	 * (the first item stands for an array's items).
	 */
	JsonNode example(JsonNode spec, JsonNode schema, String at, List<String> fields, int depth) {
		schema = resolve(spec, schema);
		String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
		switch (type) {
			case "object" -> {
				ObjectNode object = JSON.createObjectNode();
				if (depth < 6) {
					for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
						String path = at.isEmpty() ? property.getKey() : at + "." + property.getKey();
						object.set(property.getKey(), example(spec, property.getValue(), path, fields, depth + 1));
					}
				}
				return object;
			}
			case "array" -> {
				ArrayNode array = JSON.createArrayNode();
				array.add(example(spec, schema.path("items"), at + "[0]", fields, depth + 1));
				return array;
			}
			case "integer", "number" -> {
				return JSON.getNodeFactory().numberNode(1);
			}
			case "boolean" -> {
				return JSON.getNodeFactory().booleanNode(true);
			}
			default -> {
				fields.add(at);
				return JSON.getNodeFactory().stringNode(plausible(schema, at));
			}
		}
	}

	String plausible(JsonNode schema, String at) {
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			return schema.path("enum").get(0).asString();
		}
		String name = at.substring(at.lastIndexOf('.') + 1).replace("[0]", "");
		String format = schema.path("format").asString("");
		if (format.equals("uuid")) {
			return userId.toString();
		}
		if (format.equals("date-time")) {
			return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		}
		return switch (name) {
			case "email" -> "hostile-" + UUID.randomUUID() + "@example.com";
			case "sku" -> sku;
			case "currency" -> "EUR";
			case "country" -> "FR";
			case "locale" -> "en";
			case "phone" -> "+33123456789";
			case "roles" -> "USER";
			default -> "Plausible value";
		};
	}

	/** The base body with the string at {@code field} replaced by the hostile value, as bytes. */
	static byte[] withHostile(JsonNode base, String field, Hostile hostile) {
		JsonNode copy = base.deepCopy();
		JsonNode parent = copy;
		String[] steps = field.split("\\.");
		for (int i = 0; i < steps.length; i++) {
			String step = steps[i];
			boolean item = step.endsWith("[0]");
			String key = item ? step.substring(0, step.length() - 3) : step;
			boolean last = i == steps.length - 1;
			if (last && !item) {
				((ObjectNode) parent).put(key, MARKER);
			}
			else if (last) {
				((ArrayNode) parent.path(key)).set(0, JSON.getNodeFactory().stringNode(MARKER));
			}
			else {
				parent = item ? parent.path(key).get(0) : parent.path(key);
			}
		}
		String json = JSON.writeValueAsString(copy).replace("\"" + MARKER + "\"", "\"" + hostile.json + "\"");
		return json.getBytes(StandardCharsets.UTF_8);
	}

	static JsonNode resolve(JsonNode spec, JsonNode schema) {
		int hops = 0;
		while (schema.has("$ref") && hops++ < 10) {
			String ref = schema.path("$ref").asString().replace("#/", "/");
			schema = spec.at(ref);
		}
		return schema;
	}

	// plumbing

	RawHttp.Response send(String requestLine, String token, byte[] body, String... extraHeaders) throws IOException {
		List<String> headers = new ArrayList<>(List.of(extraHeaders));
		headers.add("Content-Type: application/json");
		if (token != null) {
			headers.add("Authorization: Bearer " + token);
		}
		return RawHttp.send(port, requestLine + " HTTP/1.1\r\n" + String.join("\r\n", headers), body);
	}

	String login(String email, String password) throws IOException {
		RawHttp.Response response = send("POST /api/v1/auth/login", null, json(Map.of("email", email, "password", password)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("data").path("accessToken").asString();
	}

	static byte[] json(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	static String abbreviate(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…" : text;
	}

	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Cannot find the repository root");
		}
		return dir;
	}
}
