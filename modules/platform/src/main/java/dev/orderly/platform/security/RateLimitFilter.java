package dev.orderly.platform.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.orderly.platform.SecurityEvents;
import dev.orderly.platform.security.RateLimitBuckets.Limit;
import dev.orderly.platform.web.ErrorResponses;

/**
 * Limits every request (health probes aside) with token buckets: the {@code default} policy per
 * caller — the validated token's subject when authenticated, the client address otherwise — and
 * the stricter policies the modules declare for their endpoints that attract brute force and abuse
 * ({@link RateLimitPolicy} beans: auth's login and password reset, users' registration and
 * verification e-mails). A policy may limit a second time per target account, whatever the client
 * address (docs/adr/0034), counting failed attempts only (login).
 * <p>
 * It runs inside the security filter chain right after bearer token authentication, so the
 * subject it keys on is that of a validated token. Responses of limited requests carry
 * {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers-10); a
 * refused request gets 429 {@code RATE_LIMITED} with {@code Retry-After}.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

	static final String POLICY_HEADER = "RateLimit-Policy";

	static final String LIMIT_HEADER = "RateLimit";

	private static final String HEALTH = "/actuator/health";

	private final RateLimitBuckets buckets;

	private final boolean enabled;

	private final ClientAddresses clients;

	private final ErrorResponses errors;

	private final JsonMapper json;

	private final Limit api;

	/**
	 * The modules' stricter policies. They guard expensive endpoints (password hashing, e-mail) at
	 * low rates, so they stay exact: every request asks the shared store. Only the default policy is
	 * consumed locally between synchronisations.
	 */
	private final Rule[] rules;

	private final MeterRegistry meters;

	RateLimitFilter(RateLimitBuckets buckets, RateLimitProperties properties, List<RateLimitPolicy> policies,
			Environment environment, ClientAddresses clients, ErrorResponses errors, JsonMapper json,
			MeterRegistry meters) {
		this.meters = meters;
		this.buckets = buckets;
		this.enabled = properties.enabled();
		this.clients = clients;
		this.errors = errors;
		this.json = json;
		this.api = buckets.limit("default", properties.api(), true);
		this.rules = policies.stream().map(policy -> rule(policy, buckets, environment)).toArray(Rule[]::new);
		// Registered up front, so a dashboard or alert finds the series before the first rejection.
		rejections(api.name());
		for (Rule rule : rules) {
			rejections(rule.limit().name());
			if (rule.account() != null) {
				rejections(rule.account().name());
			}
		}
	}

	private static Rule rule(RateLimitPolicy policy, RateLimitBuckets buckets, Environment environment) {
		Limit limit = buckets.limit(policy.name(),
				RateLimitProperties.policy(environment, policy.name(), policy.capacity(), policy.window()), false);
		RateLimitPolicy.AccountLimit perAccount = policy.perAccount();
		Limit account = perAccount == null ? null : buckets.limit(perAccount.name(),
				RateLimitProperties.policy(environment, perAccount.name(), perAccount.capacity(), perAccount.window()),
				false);
		return new Rule(policy.method(), matcher(policy.method(), policy.patterns()), limit, account);
	}

	/** {@code orderly.ratelimit.rejected{policy}}: requests refused with 429 by that policy. */
	private Counter rejections(String policy) {
		return Counter.builder("orderly.ratelimit.rejected")
			.description("Requests refused with 429 by a rate limit policy")
			.tag("policy", policy)
			.register(meters);
	}

	private static RequestMatcher matcher(HttpMethod method, List<String> patterns) {
		RequestMatcher[] matchers = new RequestMatcher[patterns.size()];
		for (int i = 0; i < patterns.size(); i++) {
			matchers[i] = PathPatternRequestMatcher.withDefaults().matcher(method, patterns.get(i));
		}
		return matchers.length == 1 ? matchers[0] : new OrRequestMatcher(matchers);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!enabled) {
			return true;
		}
		String uri = request.getRequestURI();
		int from = request.getContextPath().length();
		int end = from + HEALTH.length();
		return uri.startsWith(HEALTH, from) && (uri.length() == end || uri.charAt(end) == '/');
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = clients.of(request);
		String caller = caller(address);
		Outcome outcome = new Outcome();
		HttpServletRequest forwarded = request;
		String accountKey = null;
		Limit accountLimit = null;
		boolean allowed = outcome.consume("default:" + caller, api);
		if (allowed) {
			for (Rule rule : rules) {
				// The method first: a GET, most requests, is compared with a few strings and done.
				if (!allowed || !rule.method().matches(request.getMethod()) || !rule.matcher().matches(request)) {
					continue;
				}
				allowed = outcome.consume(rule.limit().name() + ":" + caller, rule.limit());
				if (allowed && rule.account() != null) {
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
						// Per account only: an address is cheap to change (a botnet, a spoofed hop), an account is not.
						String key = rule.account().name() + ":" + account;
						allowed = outcome.consume(key, rule.account());
						if (outcome.lastConsumed) {
							accountKey = key;
							accountLimit = rule.account();
						}
					}
				}
			}
		}
		outcome.writeHeaders(response);
		if (!allowed) {
			rejections(outcome.refusedBy).increment();
			SecurityEvents.count("security.rate_limited", outcome.refusedBy);
			LOG.atInfo().setMessage("security.rate_limited")
				.addKeyValue("policy", outcome.refusedBy)
				.addKeyValue("clientAddress", address)
				.addKeyValue("method", request.getMethod())
				.addKeyValue("path", request.getRequestURI())
				.addKeyValue("retryAfterSeconds", outcome.retryAfterSeconds)
				.log();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds));
			errors.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
					ErrorResponses.defaultMessage(HttpStatus.TOO_MANY_REQUESTS));
			return;
		}
		chain.doFilter(forwarded, response);
		if (accountKey != null && response.getStatus() >= 200 && response.getStatus() < 300) {
			// Only failed attempts count against an account: the rightful owner is never slowed down.
			buckets.refund(accountKey, accountLimit);
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

	/** The limits applied to one request so far, and the headers that describe them. */
	private final class Outcome {

		private String policies;

		private String states;

		private long retryAfterSeconds;

		/** The policy that refused the request, if one did. */
		private String refusedBy;

		/** Whether the last {@link #consume} took a token (false also when the store was unavailable). */
		private boolean lastConsumed;

		/** Takes a token from {@code limit}'s bucket {@code key}; false when the request must be refused. */
		boolean consume(String key, Limit limit) {
			lastConsumed = false;
			Optional<ConsumptionProbe> result = buckets.tryConsume(key, limit);
			if (result.isEmpty()) {
				return true;
			}
			ConsumptionProbe probe = result.get();
			String state = "\"" + limit.name() + "\";r=" + probe.getRemainingTokens() + ";t="
					+ seconds(probe.getNanosToWaitForReset());
			policies = policies == null ? limit.policyHeader() : policies + ", " + limit.policyHeader();
			states = states == null ? state : states + ", " + state;
			if (!probe.isConsumed()) {
				retryAfterSeconds = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
				refusedBy = limit.name();
				return false;
			}
			lastConsumed = true;
			return true;
		}

		void writeHeaders(HttpServletResponse response) {
			if (policies != null) {
				response.setHeader(POLICY_HEADER, policies);
				response.setHeader(LIMIT_HEADER, states);
			}
		}
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

	/** A stricter policy and the requests it applies to; {@code account}, if any, also limits per account. */
	private record Rule(HttpMethod method, RequestMatcher matcher, Limit limit, Limit account) {
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
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(),
					getCharacterEncoding() == null ? StandardCharsets.UTF_8
							: Charset.forName(getCharacterEncoding())));
		}
	}
}
