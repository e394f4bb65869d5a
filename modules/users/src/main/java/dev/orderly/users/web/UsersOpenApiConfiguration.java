package dev.orderly.users.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;

import dev.orderly.platform.web.ApiErrorCodes;

/**
 * What the users module says about its API beyond the annotations on its controllers and DTOs
 * (ADR 0033): its tag, the error codes it adds, the bounds of its query parameters and of the role
 * lists. The platform adds what holds for every operation afterwards.
 */
@Configuration(proxyBeanMethods = false)
class UsersOpenApiConfiguration {

	/** The roles an account can have (as the users module knows them). */
	static final List<String> ROLES = List.of("USER", "ADMIN");

	@Bean
	ApiErrorCodes usersBadRequests() {
		return ApiErrorCodes.of(HttpStatus.BAD_REQUEST,
				"INVALID_TOKEN: an email verification token is bad, expired or used; "
						+ "INVALID_CURRENT_PASSWORD: the current password given is wrong.",
				"INVALID_TOKEN", "INVALID_CURRENT_PASSWORD");
	}

	@Bean
	ApiErrorCodes usersConflicts() {
		return ApiErrorCodes.of(HttpStatus.CONFLICT,
				"EMAIL_ALREADY_VERIFIED; LAST_ADMIN: the last administrator cannot lose the role or be deleted.",
				"EMAIL_ALREADY_VERIFIED", "LAST_ADMIN");
	}

	@Bean
	UsersOpenApi usersOpenApi() {
		return new UsersOpenApi();
	}

	/** Ordered before the platform's additions (errors, headers, required fields), which come last. */
	@Order(0)
	static final class UsersOpenApi implements OpenApiCustomizer {

		@Override
		public void customise(OpenAPI openApi) {
			openApi.addTagsItem(new Tag().name("users")
				.description("Accounts, profiles, roles, email verification and passwords (users module)."));
			if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
				for (String schema : List.of("UserView", "RolesRequest")) {
					Schema<?> owner = openApi.getComponents().getSchemas().get(schema);
					if (owner != null && owner.getProperties() != null && owner.getProperties().get("roles") != null) {
						roles(owner.getProperties().get("roles"));
					}
				}
			}
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
				if (operation.getParameters() == null || operation.getTags() == null
						|| !operation.getTags().contains("users")) {
					return;
				}
				for (Parameter parameter : operation.getParameters()) {
					switch (parameter.getName()) {
						case "email" -> parameter.getSchema().maxLength(254);
						case "role" -> parameter.schema(new StringSchema()._enum(ROLES));
						default -> {
						}
					}
				}
			}));
		}

		/**
		 * Each role at most once: the app refuses a repeated role with 400 (ADR 0016). Said in words,
		 * not with uniqueItems, which makes openapi-generator's Java client uncompilable for a set of
		 * enums (ADR 0018).
		 */
		@SuppressWarnings("unchecked")
		private static void roles(Schema<?> schema) {
			schema.uniqueItems(null).minItems(1).maxItems(ROLES.size())
				.description("Each role at most once (a repeated role is 400 VALIDATION_ERROR, issue duplicate_items).");
			((Schema<String>) schema.getItems()).setEnum(ROLES);
		}
	}
}
