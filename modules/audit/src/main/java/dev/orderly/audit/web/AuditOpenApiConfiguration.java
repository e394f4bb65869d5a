package dev.orderly.audit.web;

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

import dev.orderly.audit.domain.AuditAction;

/**
 * What the audit module says about its API beyond the annotations on its controller and DTOs (ADR
 * 0033): its tag, the actions a filter can name and the bounds of its {@code target} filter, and
 * that {@code before}/{@code after} hold plain strings (the platform bounds the rest, maps included). It adds no error code: a bad filter is the platform's 400
 * {@code VALIDATION_ERROR} naming it, a caller who is not an administrator 403 {@code FORBIDDEN}.
 */
@Configuration(proxyBeanMethods = false)
class AuditOpenApiConfiguration {

	@Bean
	AuditOpenApi auditOpenApi() {
		return new AuditOpenApi();
	}

	/** Ordered before the platform's additions (errors, headers, required fields), which come last. */
	@Order(0)
	static final class AuditOpenApi implements OpenApiCustomizer {

		@Override
		public void customise(OpenAPI openApi) {
			openApi.addTagsItem(new Tag().name("audit")
				.description("The append-only audit trail of security-relevant and administrative actions, for "
						+ "administrators (audit module)."));
			// before/after are maps of text: springdoc would copy the property's description and nullable
			// onto the map's values; the values are plain strings (the platform bounds them and the map)
			if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
				Schema<?> view = openApi.getComponents().getSchemas().get("AuditEventView");
				if (view != null && view.getProperties() != null) {
					for (String state : List.of("before", "after")) {
						Schema<?> property = view.getProperties().get(state);
						if (property != null) {
							property.setAdditionalProperties(new StringSchema());
						}
					}
				}
			}
			if (openApi.getPaths() == null || openApi.getPaths().get("/api/v1/audit-events") == null) {
				return;
			}
			var get = openApi.getPaths().get("/api/v1/audit-events").getGet();
			if (get == null || get.getParameters() == null) {
				return;
			}
			for (Parameter parameter : get.getParameters()) {
				Schema<?> schema = parameter.getSchema();
				if (schema == null) {
					continue;
				}
				switch (parameter.getName()) {
					case "target" -> schema.maxLength(64).pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
					case "action" -> {
						@SuppressWarnings("unchecked")
						Schema<String> text = (Schema<String>) schema;
						text.setEnum(AuditAction.wireNames());
						text.maxLength(64);
					}
					default -> {
					}
				}
			}
		}
	}
}
