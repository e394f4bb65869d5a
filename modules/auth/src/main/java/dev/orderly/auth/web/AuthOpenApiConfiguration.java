package dev.orderly.auth.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.orderly.platform.web.ApiErrorCodes;

/**
 * What the auth module says about its API beyond the annotations on its controllers and DTOs
 * (ADR 0033): its tags, the error codes it adds, and the standard shapes of the documents
 * {@code WellKnownController} builds as maps (RFC 7517 key set, OpenID Connect Discovery subset).
 */
@Configuration(proxyBeanMethods = false)
class AuthOpenApiConfiguration {

	@Bean
	ApiErrorCodes authBadRequests() {
		return ApiErrorCodes.of(HttpStatus.BAD_REQUEST,
				"INVALID_TOKEN: a password reset token is bad, expired or used.", "INVALID_TOKEN");
	}

	@Bean
	ApiErrorCodes authUnauthenticated() {
		return ApiErrorCodes.of(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS: wrong credentials at login.",
				"INVALID_CREDENTIALS");
	}

	@Bean
	AuthOpenApi authOpenApi() {
		return new AuthOpenApi();
	}

	/** Ordered before the platform's additions (errors, headers, required fields), which come last. */
	@Order(0)
	static final class AuthOpenApi implements OpenApiCustomizer {

		@Override
		public void customise(OpenAPI openApi) {
			openApi.addTagsItem(new Tag().name("auth")
				.description("Login, token refresh, logout and password reset (auth module)."));
			openApi.addTagsItem(new Tag().name("well-known")
				.description("Token validation keys and discovery for resource servers (auth module)."));
			addWellKnownSchemas(openApi.getComponents());
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
				String id = operation.getOperationId();
				if ("getJwks".equals(id) || "getOpenidConfiguration".equals(id)) {
					// Standard documents built as maps: their standard shapes, not "an object of objects".
					operation.getResponses().get("200")
						.content(json("getJwks".equals(id) ? "JsonWebKeySet" : "OpenIdConfiguration"))
						.addHeaderObject(HttpHeaders.CACHE_CONTROL, header("public, max-age=300"));
				}
			}));
		}

		@SuppressWarnings("rawtypes")
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

		private static Header header(String description) {
			return new Header().description(description).schema(new StringSchema().maxLength(1024));
		}

		@SuppressWarnings("rawtypes")
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
}
