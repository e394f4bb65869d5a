package dev.orderly;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.platform.web.ApiErrorCodes;
import dev.orderly.platform.web.PageLimit;

import static dev.orderly.ErrorKinds.*;
import static dev.orderly.OpenApiParts.header;

/**
 * What holds for every operation, added once, after the modules described their own (so it is
 * ordered last): which operations need no token ({@link PublicEndpoints}); the error responses each
 * operation can meet; the headers the application sends ({@code X-Request-Id} and the rate-limit
 * headers on every response, {@code Location} on every 201, {@code Retry-After} on 429 and 503); the
 * paging parameters; {@code required} on what responses always send and the bounds every schema has
 * ({@link ResponseSchemas}). The tags the modules declare are listed by name.
 */
final class ClientContract implements OpenApiCustomizer, Ordered {

	static final String REQUEST_ID = "X-Request-Id";

	private final ObjectProvider<PublicEndpoints> publicEndpoints;

	private final ObjectProvider<ApiErrorCodes> errorCodes;

	ClientContract(ObjectProvider<PublicEndpoints> publicEndpoints, ObjectProvider<ApiErrorCodes> errorCodes) {
		this.publicEndpoints = publicEndpoints;
		this.errorCodes = errorCodes;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customise(OpenAPI openApi) {
		ErrorKinds.addComponents(openApi.getComponents(), errorCodes.orderedStream().toList());
		if (openApi.getTags() != null) {
			openApi.setTags(openApi.getTags().stream().sorted(Comparator.comparing(Tag::getName)).toList());
		}
		if (openApi.getPaths() == null) {
			return;
		}
		List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			boolean isPublic = isPublic(open, HttpMethod.valueOf(method.name()), path);
			if (isPublic) {
				operation.setSecurity(List.of());
			}
			pagingParameters(operation);
			successResponses(operation.getResponses());
			errorResponses(operation, method, isPublic);
			operation.getResponses().values().forEach(ClientContract::commonHeaders);
		}));
		ResponseSchemas.requireWhatResponsesAlwaysSend(openApi);
		ResponseSchemas.bound(openApi);
		ErrorKinds.removeUnused(openApi);
	}

	/** The bounds of the paging parameters, which are checked in code rather than by bean validation. */
	private static void pagingParameters(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			switch (parameter.getName()) {
				case "limit" -> parameter.description("Page size")
					.schema(new IntegerSchema().format("int32").minimum(BigDecimal.ONE)
						.maximum(BigDecimal.valueOf(PageLimit.MAX)).example(PageLimit.DEFAULT)
						._default(PageLimit.DEFAULT));
				case "cursor" -> parameter.description("Opaque position from meta.nextCursor of the previous page; absent for the first page")
					.schema(new StringSchema().maxLength(256).pattern("^[A-Za-z0-9_-]*$"));
				default -> {
				}
			}
		}
	}

	/** {@code Location} on every 201, and a description on every success response that has none of its own. */
	private static void successResponses(ApiResponses responses) {
		responses.forEach((status, response) -> {
			if (response.get$ref() != null) {
				return;
			}
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

	/**
	 * The error responses an operation can meet, by what it is; one a module declared itself (a 422 of
	 * a business rule, say) stays.
	 */
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
	static void commonHeaders(ApiResponse response) {
		if (response.get$ref() != null) {
			return;
		}
		response.addHeaderObject(REQUEST_ID,
				header("Id of the request (taken from the request's X-Request-Id or generated); in the logs and error bodies"));
		response.addHeaderObject("Access-Control-Allow-Origin",
				header("Sent to browsers calling from an origin on the configured CORS allow-list"));
		response.addHeaderObject("RateLimit-Policy", header(
				"Quota policies that apply, e.g. \"default\";q=300;w=60 (draft-ietf-httpapi-ratelimit-headers)"))
			.addHeaderObject("RateLimit", header("Remaining quota per policy, e.g. \"default\";r=299;t=60"));
	}

	private static boolean isPublic(List<PublicEndpoints> open, HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (PublicEndpoints endpoints : open) {
			if (endpoints.method() != null && !endpoints.method().equals(method)) {
				continue;
			}
			for (String pattern : endpoints.patterns()) {
				String normalized = pattern.replaceAll("\\*\\*$", "{*rest}");
				if (PathPatternParser.defaultInstance.parse(normalized).matches(container) || pattern.equals(path)) {
					return true;
				}
			}
		}
		return false;
	}
}
