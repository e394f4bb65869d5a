package dev.orderly.platform.security;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.orderly.platform.web.ErrorResponses;

/**
 * One stateless security filter chain for the whole application: bearer JWTs only (never from
 * the query string), everything authenticated unless a module declares it {@link PublicEndpoints},
 * actuator (but health) for admins only, and every rejection in the error envelope. The
 * {@code JwtDecoder} comes from the auth module, which issues the tokens.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<PublicEndpoints> publicEndpoints,
			ErrorResponses errors) throws Exception {
		ErrorEnvelopeSecurityHandlers handlers = new ErrorEnvelopeSecurityHandlers(errors);
		List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
		DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
		bearerTokens.setAllowUriQueryParameter(false);
		bearerTokens.setAllowFormEncodedBodyParameter(false);
		http.csrf(csrf -> csrf.disable())
			.cors(cors -> {
			})
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
				requests.requestMatchers(HttpMethod.TRACE, "/**").denyAll();
				for (PublicEndpoints endpoints : open) {
					String[] patterns = endpoints.patterns().toArray(String[]::new);
					if (endpoints.method() == null) {
						requests.requestMatchers(patterns).permitAll();
					}
					else {
						requests.requestMatchers(endpoints.method(), patterns).permitAll();
					}
				}
				requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
				requests.requestMatchers("/actuator/**").hasRole(CurrentUser.ADMIN);
				requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
					.permitAll();
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer(server -> server.bearerTokenResolver(bearerTokens)
				.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter()))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	/** Roles come from the {@code roles} claim and become {@code ROLE_*} authorities. */
	static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	@Bean
	WebMvcConfigurer currentUserResolver() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CurrentUserArgumentResolver());
			}
		};
	}
}
