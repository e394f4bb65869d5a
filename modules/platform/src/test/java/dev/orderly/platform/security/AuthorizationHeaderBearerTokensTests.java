package dev.orderly.platform.security;

import java.util.Objects;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** The header-only bearer token resolver decides exactly as Spring Security's own, without a regex. */
class AuthorizationHeaderBearerTokensTests {

	@ParameterizedTest
	@ValueSource(strings = { "Bearer abc.DEF-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER abc==", "Bearer a", "Bearer ",
			"Bearer", "Bearer  abc", "Bearer ab c", "Bearer a=b", "Bearer ===", "Bearer abc!", "Bearer é",
			"Basic dXNlcjpwYXNz", "Bearerabc", "Token abc", "", " Bearer abc", "Bearer abc\t" })
	void decidesLikeSpringSecuritysResolver(String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders");
		request.addHeader(HttpHeaders.AUTHORIZATION, header);
		DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
		spring.setAllowUriQueryParameter(false);
		spring.setAllowFormEncodedBodyParameter(false);

		assertThat(outcome(() -> new AuthorizationHeaderBearerTokens().resolve(request)))
			.isEqualTo(outcome(() -> spring.resolve(request)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/orders?access_token=abc", "/api/v1/orders" })
	void neverReadsATokenFromTheQueryString(String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setParameter("access_token", "abc");
		assertThat(new AuthorizationHeaderBearerTokens().resolve(request)).isNull();
	}

	private static String outcome(Supplier<String> resolve) {
		try {
			return "token:" + Objects.toString(resolve.get());
		}
		catch (OAuth2AuthenticationException ex) {
			return "malformed";
		}
	}
}
