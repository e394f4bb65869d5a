package dev.orderly.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * A stricter rate limit on some of a module's endpoints (those that attract brute force or abuse),
 * declared by that module as a bean, as {@link PublicEndpoints} are; the platform's rate limiter
 * applies it on top of the {@code default} policy, per caller (the validated token's subject, or the
 * client address), and sends it in the {@code RateLimit-Policy} header under its name. Its limits
 * can be set as {@code orderly.rate-limit.<name>.capacity} and {@code .window}; those given here are
 * the defaults. These policies stay exact: every request asks the shared store (docs/adr/0014).
 *
 * @param name the policy's name, in headers, bucket keys, metrics and properties
 * @param method the HTTP method it applies to
 * @param patterns path patterns such as {@code /api/v1/users/*}/verification-email}
 * @param capacity requests per {@code window}, by default
 * @param window the window, by default
 * @param perAccount a second limit per account named by the request body's {@code email} (a login),
 * counting failed attempts only; {@code null} for none
 */
public record RateLimitPolicy(String name, HttpMethod method, List<String> patterns, long capacity, Duration window,
		AccountLimit perAccount) {

	public RateLimitPolicy {
		patterns = List.copyOf(patterns);
	}

	/** A policy on {@code POST} requests to {@code patterns}. */
	public static RateLimitPolicy post(String name, long capacity, Duration window, String... patterns) {
		return new RateLimitPolicy(name, HttpMethod.POST, List.of(patterns), capacity, window, null);
	}

	/** This policy, also limiting failed attempts per account (the body's {@code email}) under {@code name}. */
	public RateLimitPolicy perAccount(String name, long capacity, Duration window) {
		return new RateLimitPolicy(this.name, method, patterns, this.capacity, this.window,
				new AccountLimit(name, capacity, window));
	}

	/** The limit per account of a policy: its name (for headers, keys, properties) and default limits. */
	public record AccountLimit(String name, long capacity, Duration window) {
	}
}
