package dev.orderly;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.springframework.http.HttpHeaders;

import dev.orderly.platform.web.ApiErrorCodes;

import static dev.orderly.OpenApiParts.header;
import static dev.orderly.OpenApiParts.object;
import static dev.orderly.OpenApiParts.string;

/**
 * The error responses of the API ({@code components.responses}) and their envelopes: one per status,
 * each listing its {@code code}s as an enum. The platform's codes and words are here; the codes a
 * module adds, and what they mean, come from its {@link ApiErrorCodes} beans (ADR 0033).
 */
final class ErrorKinds {

	/** An error response: status, name in {@code components.responses}, when, and the platform's codes. */
	record ErrorKind(String status, String name, String description, List<String> codes) {
	}

	static final ErrorKind BAD_REQUEST = new ErrorKind("400", "BadRequest",
			"Malformed or invalid input: VALIDATION_ERROR lists the fields in details; MALFORMED_REQUEST.",
			List.of("VALIDATION_ERROR", "MALFORMED_REQUEST"));

	static final ErrorKind UNAUTHENTICATED = new ErrorKind("401", "Unauthenticated",
			"No valid access token (UNAUTHENTICATED, INVALID_TOKEN): log in or refresh the tokens, then retry.",
			List.of("UNAUTHENTICATED", "INVALID_TOKEN"));

	static final ErrorKind FORBIDDEN = new ErrorKind("403", "Forbidden", "The caller's role may not do this (FORBIDDEN).",
			List.of("FORBIDDEN"));

	static final ErrorKind NOT_FOUND = new ErrorKind("404", "NotFound",
			"No such resource, or one the caller may not see (NOT_FOUND).", List.of("NOT_FOUND"));

	static final ErrorKind NOT_ACCEPTABLE = new ErrorKind("406", "NotAcceptable",
			"The Accept header excludes application/json (NOT_ACCEPTABLE).", List.of("NOT_ACCEPTABLE"));

	static final ErrorKind CONFLICT = new ErrorKind("409", "Conflict",
			"Conflicts with the current state of the resource; see the code. CONCURRENT_MODIFICATION: retry.",
			List.of("CONFLICT", "CONCURRENT_MODIFICATION"));

	static final ErrorKind PRECONDITION_FAILED = new ErrorKind("412", "PreconditionFailed",
			"If-Match does not match the current ETag (PRECONDITION_FAILED): fetch the resource again.",
			List.of("PRECONDITION_FAILED"));

	static final ErrorKind CONTENT_TOO_LARGE = new ErrorKind("413", "ContentTooLarge",
			"The request body is too large (PAYLOAD_TOO_LARGE).", List.of("PAYLOAD_TOO_LARGE"));

	static final ErrorKind UNSUPPORTED_MEDIA_TYPE = new ErrorKind("415", "UnsupportedMediaType",
			"The body is not application/json (UNSUPPORTED_MEDIA_TYPE).", List.of("UNSUPPORTED_MEDIA_TYPE"));

	static final ErrorKind UNPROCESSABLE = new ErrorKind("422", "UnprocessableContent",
			"Well-formed, but breaks a business rule; see the code.", List.of());

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

	static final List<ErrorKind> ALL = List.of(BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_ACCEPTABLE,
			CONFLICT, PRECONDITION_FAILED, CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE,
			PRECONDITION_REQUIRED, TOO_MANY_REQUESTS, INTERNAL_ERROR, SERVICE_UNAVAILABLE);

	private ErrorKinds() {
	}

	/**
	 * The error envelope schemas and one response per kind, with the modules' codes after the
	 * platform's (contributions in a fixed order, by their codes, whatever order the beans come in).
	 */
	static void addComponents(Components components, List<ApiErrorCodes> contributions) {
		List<ApiErrorCodes> sorted = contributions.stream()
			.sorted(Comparator.comparing(codes -> String.join(",", codes.codes())))
			.toList();
		Map<String, Schema> detail = new LinkedHashMap<>();
		detail.put("field", string(200).description("The input field, e.g. email or items[0].quantity"));
		detail.put("issue", string(100).description("A short machine-readable word: required, size, format, unknown, ..."));
		components.addSchemas("ErrorDetail", object(detail, List.of("field", "issue")));
		for (ErrorKind error : ALL) {
			Set<String> codes = new LinkedHashSet<>(error.codes());
			StringBuilder description = new StringBuilder(error.description());
			for (ApiErrorCodes contribution : sorted) {
				if (String.valueOf(contribution.status().value()).equals(error.status())) {
					codes.addAll(contribution.codes());
					description.append(' ').append(contribution.description());
				}
			}
			Map<String, Schema> body = new LinkedHashMap<>();
			body.put("code", new StringSchema()._enum(new ArrayList<>(codes)).description("Machine-readable error code"));
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

			ApiResponse response = new ApiResponse().description(description.toString())
				.content(new Content().addMediaType("application/json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + error.name() + "Error"))));
			ClientContract.commonHeaders(response);
			if (error == TOO_MANY_REQUESTS || error == SERVICE_UNAVAILABLE) {
				response.addHeaderObject(HttpHeaders.RETRY_AFTER, header("Seconds to wait before retrying")
					.required(error == TOO_MANY_REQUESTS)
					.schema(new IntegerSchema().format("int32").minimum(BigDecimal.ZERO)
						.maximum(BigDecimal.valueOf(86_400))));
			}
			components.addResponses(error.name(), response);
		}
	}

	/** Error responses (and their schemas) that no operation refers to are left out. */
	static void removeUnused(OpenAPI openApi) {
		Set<String> used = new HashSet<>();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses()
			.values().stream().filter(response -> response.get$ref() != null)
			.forEach(response -> used.add(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1)))));
		for (ErrorKind error : ALL) {
			if (!used.contains(error.name())) {
				openApi.getComponents().getResponses().remove(error.name());
				openApi.getComponents().getSchemas().remove(error.name() + "Error");
				openApi.getComponents().getSchemas().remove(error.name() + "ErrorBody");
			}
		}
	}
}
