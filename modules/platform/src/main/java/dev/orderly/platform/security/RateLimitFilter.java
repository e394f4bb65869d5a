package dev.orderly.platform.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.github.bucket4j.ConsumptionProbe;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderly.platform.security.RateLimitProperties.Policy;
import dev.orderly.platform.web.ErrorResponses;

/**
 * Limits every request (health probes aside) with token buckets: the {@code default} policy per
 * caller — the validated token's subject when authenticated, the client address otherwise — and
 * stricter policies on the endpoints that attract brute force and abuse (login, registration,
 * verification e-mails, password reset). Login is limited a second time per (target account,
 * client address), counting failed attempts only: see {@link RateLimitProperties}.
 * <p>
 * It runs inside the security filter chain right after bearer token authentication, so the
 * subject it keys on is that of a validated token. Responses of limited requests carry
 * {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers-10); a
 * refused request gets 429 {@code RATE_LIMITED} with {@code Retry-After}.
 */
class RateLimitFilter extends OncePerRequestFilter {

	static final String POLICY_HEADER = "RateLimit-Policy";

	static final String LIMIT_HEADER = "RateLimit";

	private static final RequestMatcher HEALTH = request -> {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	};

	private static final RequestMatcher LOGIN = post("/api/v1/auth/login");

	private final RateLimitBuckets buckets;

	private final RateLimitProperties properties;

	private final ClientAddresses clients;

	private final ErrorResponses errors;

	private final JsonMapper json;

	private final List<Rule> rules;

	RateLimitFilter(RateLimitBuckets buckets, RateLimitProperties properties, ClientAddresses clients,
			ErrorResponses errors, JsonMapper json) {
		this.buckets = buckets;
		this.properties = properties;
		this.clients = clients;
		this.errors = errors;
		this.json = json;
		this.rules = List.of(new Rule(LOGIN, "login", properties.login()),
				new Rule(post("/api/v1/users"), "registration", properties.registration()),
				new Rule(post("/api/v1/users/*/verification-email"), "verification-email",
						properties.verificationEmail()),
				new Rule(post("/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm"), "password-reset",
						properties.passwordReset()));
	}

	private static RequestMatcher post(String... patterns) {
		List<RequestMatcher> matchers = new ArrayList<>();
		for (String pattern : patterns) {
			matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern));
		}
		return request -> matchers.stream().anyMatch(matcher -> matcher.matches(request));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !properties.enabled() || HEALTH.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = clients.of(request);
		String caller = caller(address);
		List<Check> checks = new ArrayList<>();
		checks.add(new Check("default", "default:" + caller, properties.api()));
		for (Rule rule : rules) {
			if (rule.matcher().matches(request)) {
				checks.add(new Check(rule.name(), rule.name() + ":" + caller, rule.policy()));
			}
		}
		HttpServletRequest forwarded = request;
		Check accountCheck = null;
		if (LOGIN.matches(request)) {
			CachedBodyRequest cached;
			try {
				cached = new CachedBodyRequest(request);
			}
			catch (IOException tooLargeOrBroken) {
				errors.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
						ErrorResponses.defaultMessage(HttpStatus.CONTENT_TOO_LARGE));
				return;
			}
			forwarded = cached;
			String account = loginAccount(cached.body());
			if (account != null) {
				accountCheck = new Check("login-account", "login-account:" + account + ":" + address,
						properties.loginAccount());
				checks.add(accountCheck);
			}
		}

		List<String> policies = new ArrayList<>();
		List<String> states = new ArrayList<>();
		long retryAfterSeconds = 0;
		boolean accountTokenTaken = false;
		for (Check check : checks) {
			Optional<ConsumptionProbe> result = buckets.tryConsume(check.key(), check.policy());
			if (result.isEmpty()) {
				continue;
			}
			ConsumptionProbe probe = result.get();
			policies.add("\"%s\";q=%d;w=%d".formatted(check.name(), check.policy().capacity(),
					check.policy().window().toSeconds()));
			states.add("\"%s\";r=%d;t=%d".formatted(check.name(), probe.getRemainingTokens(),
					seconds(probe.getNanosToWaitForReset())));
			if (!probe.isConsumed()) {
				retryAfterSeconds = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
				break;
			}
			accountTokenTaken |= check == accountCheck;
		}
		if (!policies.isEmpty()) {
			response.setHeader(POLICY_HEADER, String.join(", ", policies));
			response.setHeader(LIMIT_HEADER, String.join(", ", states));
		}
		if (retryAfterSeconds > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
			errors.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
					ErrorResponses.defaultMessage(HttpStatus.TOO_MANY_REQUESTS));
			return;
		}
		chain.doFilter(forwarded, response);
		if (accountTokenTaken && response.getStatus() >= 200 && response.getStatus() < 300) {
			// Only failed attempts count against an account: the rightful owner is never slowed down.
			buckets.refund(accountCheck.key(), accountCheck.policy());
		}
	}

	private static String caller(String address) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "user:" + authentication.getName();
		}
		return "ip:" + address;
	}

	/** A one-way hash of the e-mail the login is for: no personal data in the bucket table. */
	private String loginAccount(byte[] body) {
		try {
			JsonNode email = json.readTree(body).get("email");
			if (email == null || !email.isString() || email.asString().isBlank()) {
				return null;
			}
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(email.asString().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (JacksonException | NoSuchAlgorithmException | IllegalArgumentException notJson) {
			return null;
		}
	}

	private static long seconds(long nanos) {
		return (nanos + 999_999_999L) / 1_000_000_000L;
	}

	private record Rule(RequestMatcher matcher, String name, Policy policy) {
	}

	private record Check(String name, String key, Policy policy) {
	}

	/** Reads the body once, so that both this filter and the controller can read it. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request) throws IOException {
			super(request);
			this.body = request.getInputStream().readAllBytes();
		}

		byte[] body() {
			return body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("Synchronous reads only");
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
					getCharacterEncoding() == null ? StandardCharsets.UTF_8
							: java.nio.charset.Charset.forName(getCharacterEncoding())));
		}
	}
}
