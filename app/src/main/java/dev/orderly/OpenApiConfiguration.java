package dev.orderly;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.platform.web.ApiErrorCodes;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and committed as {@code docs/openapi.json}
 * (drift-checked by a test), written for client authors and validators (ADR 0018). Each module
 * describes itself (ADR 0033): operation ids, summaries, tags, bounds and nullable fields are
 * annotations on its controllers and DTOs, and its {@code web} package contributes its error codes
 * ({@link ApiErrorCodes} beans) and what annotations cannot say (an {@code OpenApiCustomizer}). What
 * is platform-wide is added here, after the modules' contributions ({@link ClientContract}): the
 * document's info, servers and security scheme, the error envelope and responses, the common
 * headers, the paging parameters and the bounds that hold for every schema.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearerAuth";

	static {
		// The caller comes from the access token (CurrentUserArgumentResolver), not from the request.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

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
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
						.description("Access token from POST /api/v1/auth/login: a JWT signed with RS256 whose signature, "
								+ "algorithm, key id, issuer, audience and expiry are all checked, following RFC8725 "
								+ "(JSON Web Token Best Current Practices)")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	ClientContract clientContract(ObjectProvider<PublicEndpoints> publicEndpoints,
			ObjectProvider<ApiErrorCodes> errorCodes) {
		return new ClientContract(publicEndpoints, errorCodes);
	}
}
