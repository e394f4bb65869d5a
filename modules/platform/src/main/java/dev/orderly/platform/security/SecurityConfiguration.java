package dev.orderly.platform.security;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;

import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.orderly.platform.SecurityEvents;
import dev.orderly.platform.web.ErrorResponses;
import dev.orderly.platform.web.RequestIds;
import dev.orderly.platform.web.WebProperties;

/**
 * One stateless security filter chain for the whole application: bearer JWTs only (never from
 * the query string), everything authenticated unless a module declares it {@link PublicEndpoints},
 * actuator (but the liveness and readiness probes, and the Prometheus scrape on a separate management port:
 * {@link ManagementPortScrape}) for admins only, and every rejection in the error envelope. The
 * {@code JwtDecoder} comes from the auth module, which issues the tokens.
 * <p>
 * Also: rate limits ({@link RateLimitFilter}, right after token validation), the security headers
 * of every response and the CORS allow-list.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableScheduling
@EnableConfigurationProperties({ RateLimitProperties.class, WebProperties.class })
class SecurityConfiguration {

	static final String HSTS = "max-age=31536000; includeSubDomains";

	static final String NO_STORE = "no-store";

	/** The API serves JSON only: nothing may be loaded, framed or run from its responses. */
	static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

	/** Swagger UI is a page: its own scripts, styles and images, still never framed. */
	static final String SWAGGER_UI_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	private static final RequestMatcher SWAGGER_UI = request -> {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/");
	};

	/**
	 * The security-event counters, registered up front: the platform's and those the modules of this
	 * instance contribute (docs/ops dashboard; {@link SecurityEvents}).
	 */
	@Bean
	io.micrometer.core.instrument.binder.MeterBinder securityEventMeters(
			ObjectProvider<SecurityEvents.Counted> contributed) {
		return registry -> SecurityEvents.register(registry, contributed.orderedStream().toList());
	}

	/** Spring Security's strict firewall, its character checks without regular expressions. */
	@Bean
	StrictHttpFirewall httpFirewall() {
		return FirewallCharacters.strictFirewall();
	}

	@Bean
	RateLimitBuckets rateLimitBuckets(DataSource dataSource, RateLimitProperties properties) {
		return new RateLimitBuckets(dataSource, properties);
	}

	/**
	 * Cross-origin browser calls only from the configured origins; none configured, none allowed
	 * (no CORS headers are written, so browsers refuse the response).
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(WebProperties web) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (web.cors().allowedOrigins().isEmpty()) {
			return source;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(web.cors().allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "Idempotency-Key", RequestIds.HEADER));
		cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
				RequestIds.HEADER, RateLimitFilter.POLICY_HEADER, RateLimitFilter.LIMIT_HEADER));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<PublicEndpoints> publicEndpoints,
			ErrorResponses errors, RateLimitBuckets buckets, RateLimitProperties rateLimits, WebProperties web,
			JsonMapper json, CorsConfigurationSource corsConfigurationSource, ObjectProvider<AccountRoles> accountRoles,
			ObjectProvider<MeterRegistry> meters, Environment environment, JwtDecoder jwtDecoder,
			ObjectProvider<RateLimitPolicy> rateLimitPolicies) throws Exception {
		RateLimitFilter rateLimitFilter = new RateLimitFilter(buckets, rateLimits,
				rateLimitPolicies.orderedStream().toList(), environment, new ClientAddresses(web.trustedProxies()), errors,
				json, meters.getIfAvailable(SimpleMeterRegistry::new));
		ErrorEnvelopeSecurityHandlers handlers = new ErrorEnvelopeSecurityHandlers(errors);
		List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
		AuthorizationHeaderBearerTokens bearerTokens = new AuthorizationHeaderBearerTokens();
		ManagementPortScrape managementPortScrape = ManagementPortScrape.of(environment);
		http.csrf(csrf -> csrf.disable())
			.cors(cors -> cors.configurationSource(corsConfigurationSource))
			.headers(headers -> headers
				// Written before the request goes on, instead of through a response wrapper that waits for
				// the commit: that wrapper cost 5-14 % of the CPU of a GET /orders/{id} (ADR 0027).
				.withObjectPostProcessor(writeHeadersEagerly())
				// So a controller's own Cache-Control (the JWKS, say) must replace the default, which
				// Spring's writer would add before the controller ran: no-store alone, the one directive
				// that keeps API responses out of every cache (Pragma and Expires are HTTP/1.0 leftovers).
				.cacheControl(cache -> cache.disable())
				.addHeaderWriter(new StaticHeadersWriter(HttpHeaders.CACHE_CONTROL, NO_STORE))
				// On every response, plain HTTP included: TLS ends at the proxy in front of us (so the
				// request looks insecure here), and browsers ignore the header on insecure responses
				// anyway (RFC 6797 §8.1). Spring's own writer would only add it to secure requests.
				.httpStrictTransportSecurity(hsts -> hsts.disable())
				.addHeaderWriter(new StaticHeadersWriter("Strict-Transport-Security", HSTS))
				.contentTypeOptions(contentType -> {
				})
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
						new ContentSecurityPolicyHeaderWriter(API_CSP)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
						new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_CSP))))
			.addFilterAfter(rateLimitFilter, BearerTokenAuthenticationFilter.class)
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
				// Anonymous callers get the probes only (cheap, docs/adr/0034); the rest of health,
				// with its components, is for administrators like the other actuator endpoints.
				requests.requestMatchers("/actuator/health/liveness", "/actuator/health/readiness").permitAll();
				if (managementPortScrape != null) {
					requests.requestMatchers(managementPortScrape).permitAll();
				}
				requests.requestMatchers("/actuator/**").hasRole(CurrentUser.ADMIN);
				requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
					.permitAll();
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer(server -> server.bearerTokenResolver(bearerTokens)
				.jwt(jwt -> jwt.authenticationManager(bearerTokenAuthentication(jwtDecoder)))
				.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		accountRoles.ifAvailable(roles -> http.addFilterAfter(new AdminRolesRecheckFilter(roles, handlers),
				BearerTokenAuthenticationFilter.class));
		return http.build();
	}

	private static ObjectPostProcessor<HeaderWriterFilter> writeHeadersEagerly() {
		return new ObjectPostProcessor<>() {
			@Override
			public <F extends HeaderWriterFilter> F postProcess(F filter) {
				filter.setShouldWriteHeadersEagerly(true);
				return filter;
			}
		};
	}

	/**
	 * No observation around each security filter, authentication and authorisation: they were a
	 * quarter of the CPU of an authenticated read (docs/performance.md) and measure nothing that
	 * {@code http.server.requests} does not (its status and outcome tags show 401 and 403).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The bearer token's authentication on its own {@link ProviderManager}, which publishes no
	 * {@code AuthenticationSuccessEvent}: Spring Security's default publishes one through the
	 * application context on every request (2.4 % of the CPU of a {@code GET /orders/{id}},
	 * docs/performance.md) and nothing in Orderly listens. A refused token is still answered by the
	 * entry point in the error envelope and counted in {@code http.server.requests}.
	 */
	private static AuthenticationManager bearerTokenAuthentication(JwtDecoder jwtDecoder) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(jwtDecoder);
		provider.setJwtAuthenticationConverter(jwtAuthenticationConverter());
		return new ProviderManager(provider);
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
