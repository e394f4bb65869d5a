package dev.orderly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
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

/**
 * The OpenAPI 3.1 description served at {@code /v3/api-docs} (and written to
 * {@code docs/openapi.json} by a test): bearer JWT security on every operation but the public
 * ones, the error envelope as a schema, and the standard error responses on every operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearerAuth";

	static final String ERROR_SCHEMA = "ErrorResponse";

	static {
		// The caller comes from the access token (CurrentUserArgumentResolver), not from the request.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	/** Status, name in {@code components.responses}, description. */
	private static final List<String[]> STANDARD_ERRORS = List.of(
			new String[] { "400", "BadRequest", "Malformed or invalid input (VALIDATION_ERROR, MALFORMED_REQUEST)" },
			new String[] { "401", "Unauthenticated", "Missing, invalid or expired access token (UNAUTHENTICATED, INVALID_TOKEN)" },
			new String[] { "403", "Forbidden", "The caller's role may not do this (FORBIDDEN)" },
			new String[] { "404", "NotFound", "No such resource, or one the caller may not see (NOT_FOUND)" },
			new String[] { "429", "TooManyRequests", "Rate limited (RATE_LIMITED); retry after Retry-After seconds" },
			new String[] { "500", "InternalError", "Unexpected error (INTERNAL_ERROR); the message is generic" },
			new String[] { "503", "ServiceUnavailable", "A dependency (the database) is down (SERVICE_UNAVAILABLE); retry after Retry-After seconds" });

	/** Errors only a write can meet; added to POST, PUT, PATCH and DELETE operations. */
	private static final String[] CONFLICT = { "409", "Conflict",
			"Conflicts with the current state (INVALID_STATE_TRANSITION, IDEMPOTENCY_KEY_IN_USE, CONCURRENT_MODIFICATION, …)" };

	/** Added where the operation takes an If-Match header. */
	private static final String[] PRECONDITION_FAILED = { "412", "PreconditionFailed",
			"If-Match does not match the current ETag (PRECONDITION_FAILED); fetch the resource again" };

	/** Added to writes of orders, where pricing rules apply. */
	private static final String[] UNPROCESSABLE = { "422", "UnprocessableContent",
			"Well-formed but breaks a business rule (UNKNOWN_PRODUCT, MIXED_CURRENCY, IDEMPOTENCY_KEY_REUSED)" };

	@Bean
	OpenAPI orderlyOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Orderly API")
				.version("v1")
				.description("REST API of Orderly. Every response body is an envelope: {\"data\": ...} "
						+ "(with \"meta\" for lists, which use keyset pagination) or {\"error\": ...}.")
				.license(new License().name("Proprietary")))
			.servers(List.of(new Server().url("/").description("This server")))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
						.description("Access token from POST /api/v1/auth/login")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OpenApiCustomizer standardErrorResponses(ObjectProvider<PublicEndpoints> publicEndpoints) {
		return openApi -> {
			Components components = openApi.getComponents();
			addErrorSchemas(components);
			for (String[] error : STANDARD_ERRORS) {
				components.addResponses(error[1], errorResponse(error[0], error[2]));
			}
			for (String[] error : List.of(CONFLICT, PRECONDITION_FAILED, UNPROCESSABLE)) {
				components.addResponses(error[1], errorResponse(error[0], error[2]));
			}
			List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				if (isPublic(open, HttpMethod.valueOf(method.name()), path)) {
					operation.setSecurity(List.of());
				}
				List<String[]> errors = new java.util.ArrayList<>(STANDARD_ERRORS);
				if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
					errors.add(CONFLICT);
					if (path.contains("/orders")) {
						errors.add(UNPROCESSABLE);
					}
				}
				if (operation.getParameters() != null && operation.getParameters().stream()
					.anyMatch(parameter -> "If-Match".equalsIgnoreCase(parameter.getName()))) {
					errors.add(PRECONDITION_FAILED);
				}
				for (String[] error : errors) {
					if (operation.getResponses() != null && !operation.getResponses().containsKey(error[0])) {
						operation.getResponses().addApiResponse(error[0],
								new ApiResponse().$ref("#/components/responses/" + error[1]));
					}
				}
			}));
		};
	}

	/**
	 * What the code cannot say in an annotation-free controller: registration answers the same
	 * whether or not the address has an account (ADR 0016). Kept if the operation already has a
	 * description of its own.
	 */
	@Bean
	OpenApiCustomizer registrationDoesNotRevealAccounts() {
		return openApi -> {
			PathItem users = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/users");
			Operation register = users == null ? null : users.getPost();
			if (register != null && register.getDescription() == null) {
				register.setDescription("Registers an account. Answers 202 with the normalised address whether or not "
						+ "the address already has an account, so the answer never reveals which addresses are registered "
						+ "(ASVS V6): a new address gets its account and a verification email; the owner of a taken address "
						+ "gets an email saying someone tried to register it, and nothing is created. The response carries "
						+ "no id: log in with the chosen credentials (GET /users/me gives the account) or follow the email.");
			}
		};
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

	private static ApiResponse errorResponse(String status, String description) {
		ApiResponse response = new ApiResponse().description(description)
			.content(new Content().addMediaType("application/json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))))
			.addHeaderObject("X-Request-Id", header("Id of the request, also in the body and the logs"));
		if (status.equals("429")) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER, header("Seconds to wait before retrying"))
				.addHeaderObject("RateLimit-Policy",
						header("Quota policies of the endpoint, e.g. \"default\";q=300;w=60 (draft-ietf-httpapi-ratelimit-headers)"))
				.addHeaderObject("RateLimit", header("Remaining quota, e.g. \"default\";r=0;t=12"));
		}
		if (status.equals("503")) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER, header("Seconds to wait before retrying"));
		}
		return response;
	}

	private static Header header(String description) {
		return new Header().description(description).schema(string());
	}

	private static void addErrorSchemas(Components components) {
		Map<String, Schema> detail = new LinkedHashMap<>();
		detail.put("field", string().description("The input field, e.g. email or items[0].quantity"));
		detail.put("issue", string().description("A short machine-readable word: required, size, format, unknown, ..."));
		components.addSchemas("ErrorDetail", object(detail, List.of("field", "issue")));

		Map<String, Schema> body = new LinkedHashMap<>();
		body.put("code", string().description("Machine-readable error code, e.g. VALIDATION_ERROR, RATE_LIMITED"));
		body.put("message", string().description("Human-readable message; never a stack trace, SQL or class name"));
		body.put("details", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ErrorDetail"))
			.types(Set.of("array")));
		body.put("requestId", string().description("Same as the X-Request-Id response header"));
		components.addSchemas("ErrorBody", object(body, List.of("code", "message", "details", "requestId")));

		Map<String, Schema> envelope = new LinkedHashMap<>();
		envelope.put("error", new Schema<>().$ref("#/components/schemas/ErrorBody"));
		components.addSchemas(ERROR_SCHEMA, object(envelope, List.of("error"))
			.description("The error envelope of every failed request"));
	}

	private static Schema<Object> object(Map<String, Schema> properties, List<String> required) {
		Schema<Object> schema = new Schema<>();
		schema.types(Set.of("object"));
		schema.setProperties(properties);
		schema.setRequired(required);
		return schema;
	}

	private static Schema<String> string() {
		Schema<String> schema = new Schema<>();
		schema.types(Set.of("string"));
		return schema;
	}
}
