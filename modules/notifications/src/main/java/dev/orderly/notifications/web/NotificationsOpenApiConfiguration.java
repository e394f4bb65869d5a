package dev.orderly.notifications.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
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
 * What the notifications module says about its API beyond the annotations on its controllers and
 * DTOs (ADR 0033): its tag, the error code it adds and the statuses an administrator can list.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsOpenApiConfiguration {

	/** The delivery states of a notification, as {@code NotificationStatus} names them. */
	static final List<String> STATUSES = List.of("AWAITING_RECIPIENT", "PENDING", "SENDING", "SENT", "FAILED",
			"UNCONFIRMED", "SKIPPED", "DELIVERED");

	@Bean
	ApiErrorCodes notificationsConflicts() {
		return ApiErrorCodes.of(HttpStatus.CONFLICT,
				"INVALID_STATE_TRANSITION: the notification cannot be retried in its current state.",
				"INVALID_STATE_TRANSITION");
	}

	@Bean
	NotificationsOpenApi notificationsOpenApi() {
		return new NotificationsOpenApi();
	}

	/** Ordered before the platform's additions (errors, headers, required fields), which come last. */
	@Order(0)
	static final class NotificationsOpenApi implements OpenApiCustomizer {

		@Override
		public void customise(OpenAPI openApi) {
			openApi.addTagsItem(new Tag().name("notifications")
				.description("In-app notifications and email delivery state (notifications module)."));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
				if (operation.getParameters() == null || operation.getTags() == null
						|| !operation.getTags().contains("notifications")) {
					return;
				}
				for (Parameter parameter : operation.getParameters()) {
					if ("status".equals(parameter.getName()) && parameter.getSchema().getEnum() == null) {
						parameter.schema(new StringSchema()._default("FAILED")._enum(STATUSES));
					}
				}
			}));
		}
	}
}
