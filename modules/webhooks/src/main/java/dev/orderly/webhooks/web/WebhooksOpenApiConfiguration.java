package dev.orderly.webhooks.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * What the webhooks module says about its API beyond the annotations on its controller and DTOs
 * (ADR 0033): its tag. Its error codes are the platform's (400 {@code VALIDATION_ERROR}, 403, 404,
 * 409 {@code CONFLICT}).
 */
@Configuration(proxyBeanMethods = false)
class WebhooksOpenApiConfiguration {

	@Bean
	WebhooksOpenApi webhooksOpenApi() {
		return new WebhooksOpenApi();
	}

	/** Ordered before the platform's additions (errors, headers, required fields), which come last. */
	@Order(0)
	static final class WebhooksOpenApi implements OpenApiCustomizer {

		@Override
		public void customise(OpenAPI openApi) {
			openApi.addTagsItem(new Tag().name("webhooks")
				.description("Webhook endpoints of integration partners, their signing secrets and deliveries of signed "
						+ "order events (webhooks module)."));
		}
	}
}
