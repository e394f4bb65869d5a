package dev.orderly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.platform.web.PageLimit;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and committed as {@code docs/openapi.json}
 * (drift-checked by a test), written for client authors and validators (ADR 0018). Operation ids,
 * summaries and descriptions, tags and nullable fields are annotations on the controllers and DTOs;
 * what holds for every operation is added here, once:
 * <ul>
 * <li>the error responses each operation can meet, each with its {@code code} as an enum;</li>
 * <li>the headers the application sends: {@code X-Request-Id} and the rate-limit headers on every
 * response, {@code Location} on every 201, {@code ETag} on single orders, {@code Retry-After} on
 * 429 and 503;</li>
 * <li>the statuses a controller sends besides its declared one: 201 of an upsert, 304 of a
 * conditional GET, and the order body of a placed order (sent as stored JSON text);</li>
 * <li>{@code required} on every property of a schema only responses use (the API always sends
 * every field, {@code null} included; nullable fields say so), and only on the envelope that
 * carries it, the page {@code meta};</li>
 * <li>bounds of the paging and header parameters, which are checked in code rather than by bean
 * validation.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearerAuth";

	static final String REQUEST_ID = "X-Request-Id";

	static {
		// The caller comes from the access token (CurrentUserArgumentResolver), not from the request.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	/** An error response: status, name in {@code components.responses}, when, and the codes it carries. */
	record ErrorKind(String status, String name, String description, List<String> codes) {
	}

	static final ErrorKind BAD_REQUEST = new ErrorKind("400", "BadRequest",
			"Malformed or invalid input. VALIDATION_ERROR lists the fields in details; INVALID_TOKEN: an email "
					+ "verification or password reset token is bad, expired or used; INVALID_CURRENT_PASSWORD.",
			List.of("VALIDATION_ERROR", "MALFORMED_REQUEST", "INVALID_TOKEN", "INVALID_CURRENT_PASSWORD"));

	static final ErrorKind UNAUTHENTICATED = new ErrorKind("401", "Unauthenticated",
			"No valid access token (UNAUTHENTICATED, INVALID_TOKEN), or wrong credentials at login (INVALID_CREDENTIALS). "
					+ "Log in or refresh the tokens, then retry.",
			List.of("UNAUTHENTICATED", "INVALID_TOKEN", "INVALID_CREDENTIALS"));

	static final ErrorKind FORBIDDEN = new ErrorKind("403", "Forbidden", "The caller's role may not do this (FORBIDDEN).",
			List.of("FORBIDDEN"));

	static final ErrorKind NOT_FOUND = new ErrorKind("404", "NotFound",
			"No such resource, or one the caller may not see (NOT_FOUND).", List.of("NOT_FOUND"));

	static final ErrorKind NOT_ACCEPTABLE = new ErrorKind("406", "NotAcceptable",
			"The Accept header excludes application/json (NOT_ACCEPTABLE).", List.of("NOT_ACCEPTABLE"));

	static final ErrorKind CONFLICT = new ErrorKind("409", "Conflict",
			"Conflicts with the current state of the resource; see the code. CONCURRENT_MODIFICATION: retry; "
					+ "IDEMPOTENCY_KEY_IN_USE: the first request with this key is still running, retry later.",
			List.of("CONFLICT", "CONCURRENT_MODIFICATION", "EMAIL_ALREADY_VERIFIED", "LAST_ADMIN",
					"INVALID_STATE_TRANSITION", "ORDER_NOT_EDITABLE", "IDEMPOTENCY_KEY_IN_USE"));

	static final ErrorKind PRECONDITION_FAILED = new ErrorKind("412", "PreconditionFailed",
			"If-Match does not match the current ETag (PRECONDITION_FAILED): fetch the resource again.",
			List.of("PRECONDITION_FAILED"));

	static final ErrorKind CONTENT_TOO_LARGE = new ErrorKind("413", "ContentTooLarge",
			"The request body is too large (PAYLOAD_TOO_LARGE).", List.of("PAYLOAD_TOO_LARGE"));

	static final ErrorKind UNSUPPORTED_MEDIA_TYPE = new ErrorKind("415", "UnsupportedMediaType",
			"The body is not application/json (UNSUPPORTED_MEDIA_TYPE).", List.of("UNSUPPORTED_MEDIA_TYPE"));

	static final ErrorKind UNPROCESSABLE = new ErrorKind("422", "UnprocessableContent",
			"Well-formed, but breaks a business rule: UNKNOWN_PRODUCT (or inactive), MIXED_CURRENCY, "
					+ "IDEMPOTENCY_KEY_REUSED (the key was used with another body: use a new key).",
			List.of("UNKNOWN_PRODUCT", "MIXED_CURRENCY", "IDEMPOTENCY_KEY_REUSED"));

	static final ErrorKind PRECONDITION_REQUIRED = new ErrorKind("428", "PreconditionRequired",
			"This write needs If-Match with the ETag of the version read (PRECONDITION_REQUIRED).",
			List.of("PRECONDITION_REQUIRED"));

	static final ErrorKind TOO_MANY_REQUESTS = new ErrorKind("429", "TooManyRequests",
			"Rate limited (RATE_LIMITED): retry after Retry-After seconds.", List.of("RATE_LIMITED"));

	static final ErrorKind INTERNAL_ERROR = new ErrorKind("500", "InternalError",
			"Unexpected error (INTERNAL_ERROR); the message is generic. Quote the requestId when reporting it.",
			List.of("INTERNAL_ERROR"));

	static final ErrorKind SERVICE_UNAVAILABLE = new ErrorKind("503", "ServiceUnavailable",
			"A dependency (the database) is down (SERVICE_UNAVAILABLE): retry after Retry-After seconds.",
			List.of("SERVICE_UNAVAILABLE"));

	static final List<ErrorKind> ERRORS = List.of(BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_ACCEPTABLE,
			CONFLICT, PRECONDITION_FAILED, CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE,
			PRECONDITION_REQUIRED, TOO_MANY_REQUESTS, INTERNAL_ERROR, SERVICE_UNAVAILABLE);

	/** Operations whose successful responses carry the order's ETag. */
	private static final Set<String> ORDER_WITH_ETAG = Set.of("getOrder", "replaceOrder", "amendOrder", "cancelOrder",
			"confirmOrder", "shipOrder", "deliverOrder");

	/** Operations whose inputs are priced: they can break a pricing rule (422). */
	private static final Set<String> PRICED = Set.of("placeOrder", "placeOrderForUser", "replaceOrder");

	@Bean
	OpenAPI orderlyOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Orderly API")
				.version("v1")
				.description("REST API of Orderly, an online ordering backend. Every response body is an envelope: "
						+ "{\"data\": ...} (with \"meta\" for lists, which use keyset pagination) or {\"error\": ...}. "
						+ "Authenticate with the access token from login as a Bearer token. "
						+ "docs/api.md is the guide for client authors.")
				.contact(new Contact().name("Orderly API team").email("api@orderly.dev").url("https://orderly.dev/api"))
				.license(new License().name("Proprietary").url("https://orderly.dev/license")))
			.servers(List.of(new Server().url("/")
				.description("The environment (local, staging or production) that serves this document; "
						+ "every path starts with /api/v1 except /.well-known")
				.extensions(Map.of("x-internal", false))))
			.tags(List.of(
					new Tag().name("auth").description("Login, token refresh, logout and password reset (auth module)."),
					new Tag().name("users").description("Accounts, profiles, roles, email verification and passwords (users module)."),
					new Tag().name("products").description("The price list (orders module)."),
					new Tag().name("orders").description("Orders and their lifecycle: PLACED, CONFIRMED, SHIPPED, DELIVERED or CANCELLED (orders module)."),
					new Tag().name("notifications").description("In-app notifications and email delivery state (notifications module)."),
					new Tag().name("webhooks").description("Webhook endpoints of integration partners, their signing secrets and deliveries of signed order events (webhooks module)."),
					new Tag().name("well-known").description("Token validation keys and discovery for resource servers (auth module).")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
						.description("Access token from POST /api/v1/auth/login: a JWT signed with RS256 whose signature, "
								+ "algorithm, key id, issuer, audience and expiry are all checked, following RFC8725 "
								+ "(JSON Web Token Best Current Practices)")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OpenApiCustomizer clientContract(ObjectProvider<PublicEndpoints> publicEndpoints) {
		return openApi -> {
			Components components = openApi.getComponents();
			addErrorComponents(components);
			addWellKnownSchemas(components);
			List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
			if (openApi.getPaths() == null) {
				return;
			}
			Map<String, ApiResponse> orderResponse = new TreeMap<>();
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				if ("getOrder".equals(operation.getOperationId())) {
					orderResponse.put("200", operation.getResponses().get("200"));
				}
			}));
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				boolean isPublic = isPublic(open, HttpMethod.valueOf(method.name()), path);
				if (isPublic) {
					operation.setSecurity(List.of());
				}
				boundParameters(operation);
				successResponses(operation, orderResponse.get("200"));
				errorResponses(operation, method, isPublic);
				operation.getResponses().values().forEach(OpenApiConfiguration::commonHeaders);
			}));
			requireWhatResponsesAlwaysSend(openApi);
			boundSchemas(openApi);
			removeUnusedErrorComponents(openApi);
		};
	}

	/**
	 * Bounds the application enforces, or that hold for what it sends, where bean validation does not
	 * already state them (springdoc turns {@code @Size}, {@code @Min}, {@code @Max} into bounds):
	 * sizes from the validation of the input a field comes from, and from the code that produces it.
	 */
	private static final Map<String, java.util.function.Consumer<Schema<?>>> BOUNDS = Map.ofEntries(
			Map.entry("UserView.email", schema -> schema.maxLength(254)),
			Map.entry("UserView.displayName", schema -> schema.maxLength(100)),
			Map.entry("UserView.phone", schema -> schema.maxLength(16)),
			Map.entry("UserView.locale", schema -> schema.maxLength(6)),
			Map.entry("UserView.roles", schema -> roles(schema)),
			Map.entry("RolesRequest.roles", schema -> roles(schema)),
			Map.entry("ProfilePatch.phone", schema -> schema.maxLength(16)),
			Map.entry("ProfilePatch.locale", schema -> schema.maxLength(6)),
			Map.entry("ProfileReplacement.phone", schema -> schema.maxLength(16)),
			Map.entry("ProfileReplacement.locale", schema -> schema.maxLength(6)),
			Map.entry("RegistrationRequest.locale", schema -> schema.maxLength(6)),
			Map.entry("RegistrationRequest.password", schema -> password(schema)),
			Map.entry("PasswordChangeRequest.newPassword", schema -> password(schema)),
			Map.entry("PasswordChangeRequest.currentPassword", schema -> schema.maxLength(1024)),
			Map.entry("PasswordResetConfirmation.newPassword", schema -> password(schema)),
			Map.entry("Tokens.accessToken", schema -> schema.maxLength(4096)),
			Map.entry("Tokens.refreshToken", schema -> schema.maxLength(256)),
			Map.entry("Tokens.tokenType", schema -> oneOf(schema, "Bearer")),
			Map.entry("Tokens.expiresIn", schema -> seconds(schema)),
			Map.entry("Tokens.refreshExpiresIn", schema -> seconds(schema)),
			Map.entry("Item.sku", schema -> schema.maxLength(64)),
			Map.entry("ShippingAddress.country", schema -> schema.minLength(2).maxLength(2)),
			Map.entry("ProductRequest.currency", schema -> schema.minLength(3).maxLength(3)),
			Map.entry("ProductView.sku", schema -> schema.maxLength(64)),
			Map.entry("ProductView.name", schema -> schema.maxLength(200)),
			Map.entry("ProductView.currency", schema -> schema.minLength(3).maxLength(3)),
			Map.entry("ProductView.unitPrice", schema -> range(schema, 0, 1_000_000_000L)),
			Map.entry("OrderView.currency", schema -> schema.minLength(3).maxLength(3)),
			Map.entry("OrderView.note", schema -> schema.maxLength(500)),
			Map.entry("OrderView.trackingNumber", schema -> schema.maxLength(100)),
			Map.entry("OrderView.cancellationReason", schema -> schema.maxLength(500)),
			Map.entry("OrderView.lines", schema -> schema.minItems(1).maxItems(50)),
			Map.entry("OrderView.subtotal", schema -> range(schema, 0, Long.MAX_VALUE)),
			Map.entry("OrderView.discount", schema -> range(schema, 0, Long.MAX_VALUE)),
			Map.entry("OrderView.total", schema -> range(schema, 0, Long.MAX_VALUE)),
			Map.entry("OrderView.version", schema -> range(schema, 0, Long.MAX_VALUE)),
			Map.entry("LineView.sku", schema -> schema.maxLength(64)),
			Map.entry("LineView.name", schema -> schema.maxLength(200)),
			Map.entry("LineView.unitPrice", schema -> range(schema, 0, 1_000_000_000L)),
			Map.entry("LineView.quantity", schema -> range(schema, 1, 1000)),
			Map.entry("LineView.lineTotal", schema -> range(schema, 0, 1_000_000_000_000L)),
			Map.entry("PageMeta.limit", schema -> range(schema, 1, PageLimit.MAX)),
			Map.entry("PageMeta.nextCursor", schema -> schema.maxLength(256)),
			Map.entry("InAppNotification.kind", schema -> schema.maxLength(64)),
			Map.entry("InAppNotification.title", schema -> schema.maxLength(500)),
			Map.entry("InAppNotification.body", schema -> schema.maxLength(5000)),
			Map.entry("AdminNotification.kind", schema -> schema.maxLength(64)),
			Map.entry("AdminNotification.channel", schema -> oneOf(schema, "EMAIL", "IN_APP")),
			Map.entry("AdminNotification.status", schema -> schema.maxLength(64)),
			Map.entry("AdminNotification.lastError", schema -> schema.maxLength(500)),
			Map.entry("AdminNotification.attempts", schema -> range(schema, 0, 1000)));

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void boundSchemas(OpenAPI openApi) {
		openApi.getComponents().getSchemas().forEach((name, schema) -> {
			Map<String, Schema> properties = schema.getProperties();
			if (properties == null) {
				return;
			}
			properties.forEach((property, value) -> {
				java.util.function.Consumer<Schema<?>> bound = BOUNDS.get(name + "." + property);
				if (bound != null) {
					bound.accept(value);
				}
				boundByFormat(value);
				if (property.equals("data") && value.getItems() != null && name.startsWith("ApiResponseList")) {
					value.maxItems(PageLimit.MAX);
				}
				if (value.getAdditionalProperties() instanceof Schema additional && "string".equals(additional.getType())) {
					additional.maxLength(1000);
					value.maxProperties(20);
				}
			});
		});
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getParameters() != null) {
				operation.getParameters().forEach(parameter -> boundByFormat(parameter.getSchema()));
			}
		}));
	}

	/** Ids and instants have a fixed or bounded length on the wire. */
	private static void boundByFormat(Schema<?> schema) {
		if (schema == null || schema.getMaxLength() != null || !"string".equals(schema.getType())) {
			return;
		}
		if ("uuid".equals(schema.getFormat())) {
			schema.minLength(36).maxLength(36);
		}
		else if ("date-time".equals(schema.getFormat())) {
			schema.maxLength(40);
		}
	}

	/**
	 * Each role at most once: the app refuses a repeated role with 400 (ADR 0016). Said in words, not
	 * with uniqueItems, which makes openapi-generator's Java client uncompilable for a set of enums
	 * (ADR 0018).
	 */
	private static void roles(Schema<?> schema) {
		schema.uniqueItems(null).minItems(1).maxItems(2)
			.description("Each role at most once (a repeated role is 400 VALIDATION_ERROR, issue duplicate_items).");
		oneOf(schema.getItems(), "USER", "ADMIN");
	}

	@SuppressWarnings("unchecked")
	private static void oneOf(Schema<?> schema, String... values) {
		((Schema<String>) schema).setEnum(List.of(values));
	}

	private static void password(Schema<?> schema) {
		schema.minLength(8).maxLength(128).description("8 to 128 characters, not a commonly used password");
	}

	private static void seconds(Schema<?> schema) {
		range(schema, 1, 31_536_000L);
	}

	private static void range(Schema<?> schema, long minimum, long maximum) {
		schema.minimum(java.math.BigDecimal.valueOf(minimum)).maximum(java.math.BigDecimal.valueOf(maximum));
	}

	/** Error responses (and their schemas) that no operation refers to are left out. */
	@SuppressWarnings("rawtypes")
	private static void removeUnusedErrorComponents(OpenAPI openApi) {
		Set<String> used = new HashSet<>();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses()
			.values().stream().filter(response -> response.get$ref() != null)
			.forEach(response -> used.add(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1)))));
		for (ErrorKind error : ERRORS) {
			if (!used.contains(error.name())) {
				openApi.getComponents().getResponses().remove(error.name());
				openApi.getComponents().getSchemas().remove(error.name() + "Error");
				openApi.getComponents().getSchemas().remove(error.name() + "ErrorBody");
			}
		}
	}

	private static void boundParameters(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			Schema<?> schema = parameter.getSchema();
			switch (parameter.getName()) {
				case "limit" -> parameter.description("Page size")
					.schema(new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ONE)
						.maximum(java.math.BigDecimal.valueOf(PageLimit.MAX)).example(PageLimit.DEFAULT)
						._default(PageLimit.DEFAULT));
				case "cursor" -> parameter.description("Opaque position from meta.nextCursor of the previous page; absent for the first page")
					.schema(new StringSchema().maxLength(256).pattern("^[A-Za-z0-9_-]*$"));
				case "Idempotency-Key" -> parameter.description("Makes a retried placement safe: the same key and body "
						+ "return the first response (Idempotent-Replayed: true). A UUID is a good key.")
					.schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]+$"));
				case "If-Match" -> parameter.description("The ETag of the version read; a mismatch is 412")
					.schema(new StringSchema().maxLength(1024));
				case "email" -> schema.maxLength(254);
				case "role" -> parameter.schema(new StringSchema()._enum(List.of("USER", "ADMIN")));
				case "sku" -> schema.maxLength(64).pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
				case "status" -> {
					if (schema.getEnum() == null) {
						parameter.schema(new StringSchema()._default("FAILED")._enum(List.of("AWAITING_RECIPIENT",
								"PENDING", "SENDING", "SENT", "FAILED", "UNCONFIRMED", "SKIPPED", "DELIVERED")));
					}
				}
				default -> {
				}
			}
		}
	}

	private static void successResponses(Operation operation, ApiResponse order) {
		ApiResponses responses = operation.getResponses();
		String id = operation.getOperationId();
		if (("placeOrder".equals(id) || "placeOrderForUser".equals(id)) && order != null) {
			// Sent as stored JSON text (so that a replay is byte for byte the first response): an order.
			responses.get("201").description("The order placed (or, with Idempotent-Replayed: true, the first response)")
				.content(order.getContent())
				.addHeaderObject("Idempotent-Replayed",
						header("true when this is the stored response of an earlier request with the same Idempotency-Key")
							.schema(new StringSchema()._enum(List.of("true"))));
		}
		if ("getJwks".equals(id) || "getOpenidConfiguration".equals(id)) {
			// Standard documents built as maps: their standard shapes, not "an object of objects".
			responses.get("200").content(json("getJwks".equals(id) ? "JsonWebKeySet" : "OpenIdConfiguration"))
				.addHeaderObject(HttpHeaders.CACHE_CONTROL, header("public, max-age=300"));
		}
		if ("upsertProduct".equals(id)) {
			ApiResponse replaced = responses.get("200").description("The product was replaced");
			responses.addApiResponse("201", new ApiResponse().description("The product was created")
				.content(replaced.getContent()));
		}
		if (ORDER_WITH_ETAG.contains(id)) {
			responses.values().stream().filter(response -> response.getContent() != null).forEach(response -> response
				.addHeaderObject(HttpHeaders.ETAG, header("The order's version, for If-Match and If-None-Match")
					.required(true)));
		}
		if ("getOrder".equals(id)) {
			operation.addParametersItem(new Parameter().in("header").name(HttpHeaders.IF_NONE_MATCH)
				.description("The ETag of the version the client has; if it is still current the answer is 304")
				.schema(new StringSchema().maxLength(1024)));
			responses.addApiResponse("304", new ApiResponse()
				.description("Not modified: the order is still the version of If-None-Match (no body)")
				.addHeaderObject(HttpHeaders.ETAG, header("The order's version").required(true)));
		}
		responses.forEach((status, response) -> {
			if (status.equals("201")) {
				response.addHeaderObject(HttpHeaders.LOCATION, header("The URL of the created resource").required(true));
			}
			if (response.getDescription() == null || response.getDescription().isBlank()
					|| response.getDescription().equals("OK") || response.getDescription().equals("Created")
					|| response.getDescription().equals("Accepted") || response.getDescription().equals("No Content")) {
				response.description(switch (status) {
					case "201" -> "Created";
					case "202" -> "Accepted: the work happens asynchronously";
					case "204" -> "Done; no body";
					default -> "OK";
				});
			}
		});
	}

	private static void errorResponses(Operation operation, PathItem.HttpMethod method, boolean isPublic) {
		List<ErrorKind> errors = new ArrayList<>(List.of(BAD_REQUEST, UNAUTHENTICATED));
		if (!isPublic) {
			errors.add(FORBIDDEN);
		}
		errors.add(NOT_FOUND);
		errors.add(NOT_ACCEPTABLE);
		if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
			errors.add(CONFLICT);
		}
		if (operation.getRequestBody() != null) {
			errors.add(CONTENT_TOO_LARGE);
			errors.add(UNSUPPORTED_MEDIA_TYPE);
		}
		if (PRICED.contains(operation.getOperationId())) {
			errors.add(UNPROCESSABLE);
		}
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				if (HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName())) {
					errors.add(PRECONDITION_FAILED);
					if (Boolean.TRUE.equals(parameter.getRequired())) {
						errors.add(PRECONDITION_REQUIRED);
					}
				}
			}
		}
		errors.add(TOO_MANY_REQUESTS);
		errors.add(INTERNAL_ERROR);
		errors.add(SERVICE_UNAVAILABLE);
		for (ErrorKind error : errors) {
			if (!operation.getResponses().containsKey(error.status())) {
				operation.getResponses().addApiResponse(error.status(),
						new ApiResponse().$ref("#/components/responses/" + error.name()));
			}
		}
	}

	/** Headers on every response the application sends (the $ref'd error responses have them already). */
	private static void commonHeaders(ApiResponse response) {
		if (response.get$ref() != null) {
			return;
		}
		response.addHeaderObject(REQUEST_ID, requestIdHeader());
		rateLimitHeaders(response);
	}

	private static Header requestIdHeader() {
		return header("Id of the request (taken from the request's X-Request-Id or generated); in the logs and error bodies");
	}

	private static void rateLimitHeaders(ApiResponse response) {
		response.addHeaderObject("Access-Control-Allow-Origin",
				header("Sent to browsers calling from an origin on the configured CORS allow-list"));
		response.addHeaderObject("RateLimit-Policy", header(
				"Quota policies that apply, e.g. \"default\";q=300;w=60 (draft-ietf-httpapi-ratelimit-headers)"))
			.addHeaderObject("RateLimit", header("Remaining quota per policy, e.g. \"default\";r=299;t=60"));
	}

	private static void addErrorComponents(Components components) {
		Map<String, Schema> detail = new LinkedHashMap<>();
		detail.put("field", string(200).description("The input field, e.g. email or items[0].quantity"));
		detail.put("issue", string(100).description("A short machine-readable word: required, size, format, unknown, ..."));
		components.addSchemas("ErrorDetail", object(detail, List.of("field", "issue")));
		for (ErrorKind error : ERRORS) {
			Map<String, Schema> body = new LinkedHashMap<>();
			body.put("code", new StringSchema()._enum(error.codes()).description("Machine-readable error code"));
			body.put("message", string(1000).description("Human-readable message; never a stack trace, SQL or class name"));
			body.put("details", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ErrorDetail"))
				.maxItems(100)
				.description("The invalid fields, for VALIDATION_ERROR; empty otherwise"));
			body.put("requestId", string(200).description("Same as the X-Request-Id response header"));
			components.addSchemas(error.name() + "ErrorBody", object(body, List.of("code", "message", "details", "requestId")));
			Map<String, Schema> envelope = new LinkedHashMap<>();
			envelope.put("error", new Schema<>().$ref("#/components/schemas/" + error.name() + "ErrorBody"));
			components.addSchemas(error.name() + "Error", object(envelope, List.of("error"))
				.description("The error envelope of a " + error.status() + " response"));

			ApiResponse response = new ApiResponse().description(error.description())
				.content(new Content().addMediaType("application/json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + error.name() + "Error"))))
				.addHeaderObject(REQUEST_ID, requestIdHeader());
			rateLimitHeaders(response);
			if (error == TOO_MANY_REQUESTS || error == SERVICE_UNAVAILABLE) {
				response.addHeaderObject(HttpHeaders.RETRY_AFTER, header("Seconds to wait before retrying")
					.required(error == TOO_MANY_REQUESTS)
					.schema(new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO)
						.maximum(java.math.BigDecimal.valueOf(86_400))));
			}
			components.addResponses(error.name(), response);
		}
	}

	/** RFC 7517 key set and the OpenID Connect Discovery subset that {@code WellKnownController} sends. */
	private static void addWellKnownSchemas(Components components) {
		Map<String, Schema> key = new LinkedHashMap<>();
		key.put("kty", new StringSchema()._enum(List.of("RSA")).description("Key type"));
		key.put("use", new StringSchema()._enum(List.of("sig")).description("Signing key"));
		key.put("alg", new StringSchema()._enum(List.of("RS256")).description("The only algorithm tokens are signed with"));
		key.put("kid", string(100).description("Key id (RFC 7638 thumbprint), the kid header of tokens it signs"));
		key.put("n", string(2048).description("RSA modulus, base64url"));
		key.put("e", string(16).description("RSA exponent, base64url"));
		components.addSchemas("JsonWebKey", object(key, List.of("kty", "kid", "n", "e")).description("A public key (RFC 7517)"));
		Map<String, Schema> set = new LinkedHashMap<>();
		set.put("keys", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/JsonWebKey")).maxItems(20));
		components.addSchemas("JsonWebKeySet", object(set, List.of("keys")).description("JSON Web Key Set (RFC 7517)"));

		Map<String, Schema> discovery = new LinkedHashMap<>();
		for (String url : List.of("issuer", "jwks_uri", "token_endpoint")) {
			discovery.put(url, string(2048).format("uri"));
		}
		for (String list : List.of("response_types_supported", "subject_types_supported",
				"id_token_signing_alg_values_supported", "token_endpoint_auth_methods_supported", "claims_supported")) {
			discovery.put(list, new ArraySchema().items(string(100)).maxItems(50));
		}
		components.addSchemas("OpenIdConfiguration", object(discovery, new ArrayList<>(discovery.keySet()))
			.description("Discovery document (OpenID Connect Discovery 1.0 / RFC 8414 shape)"));
	}

	private static Content json(String schema) {
		return new Content().addMediaType("application/json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema)));
	}

	/**
	 * Marks every property {@code required} on schemas that only responses use: the application
	 * always sends every field ({@code null} included, see {@code spring.jackson.default-property-inclusion}).
	 * Envelopes: a page always has {@code meta}, a single resource never has it.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void requireWhatResponsesAlwaysSend(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<String> requestSide = new HashSet<>();
		Set<String> responseSide = new HashSet<>();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody().getContent().values()
					.forEach(media -> collect(media.getSchema(), schemas, requestSide));
			}
			if (operation.getParameters() != null) {
				operation.getParameters().forEach(parameter -> collect(parameter.getSchema(), schemas, requestSide));
			}
			operation.getResponses().values().stream().filter(response -> response.getContent() != null)
				.forEach(response -> response.getContent().values()
					.forEach(media -> collect(media.getSchema(), schemas, responseSide)));
		}));
		for (String name : responseSide) {
			Schema schema = schemas.get(name);
			if (requestSide.contains(name) || schema == null || schema.getProperties() == null) {
				continue;
			}
			Map<String, Schema> properties = schema.getProperties();
			if (properties.containsKey("data") && properties.containsKey("meta")) {
				boolean page = "array".equals(properties.get("data").getType())
						|| properties.get("data") instanceof ArraySchema;
				if (!page) {
					properties.remove("meta");
				}
			}
			schema.setRequired(new ArrayList<>(properties.keySet()));
		}
	}

	@SuppressWarnings("rawtypes")
	private static void collect(Schema schema, Map<String, Schema> schemas, Set<String> seen) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			if (seen.add(name)) {
				collect(schemas.get(name), schemas, seen);
			}
			return;
		}
		if (schema.getProperties() != null) {
			((Map<String, Schema>) schema.getProperties()).values().forEach(property -> collect(property, schemas, seen));
		}
		collect(schema.getItems(), schemas, seen);
		if (schema.getAdditionalProperties() instanceof Schema additional) {
			collect(additional, schemas, seen);
		}
	}

	private static boolean isPublic(List<PublicEndpoints> open, HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (PublicEndpoints endpoints : open) {
			if (endpoints.method() != null && !endpoints.method().equals(method)) {
				continue;
			}
			for (String pattern : endpoints.patterns()) {
				String normalized = pattern.replaceAll("\\*\\*$", "{*rest}");
				if (PathPatternParser.defaultInstance.parse(normalized).matches(container)
						|| pattern.equals(path)) {
					return true;
				}
			}
		}
		return false;
	}

	private static Header header(String description) {
		return new Header().description(description).schema(new StringSchema().maxLength(1024));
	}

	private static Schema<Object> object(Map<String, Schema> properties, List<String> required) {
		Schema<Object> schema = new Schema<>();
		schema.type("object");
		schema.setProperties(properties);
		schema.setRequired(required);
		return schema;
	}

	private static Schema<String> string(int maxLength) {
		return new StringSchema().maxLength(maxLength);
	}
}
