package dev.orderly;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * Auth's published keys as an instance without auth fetches them (docs/adr/0034). Spring Security's
 * {@code NimbusJwtDecoder.withJwkSetUri} refetches the JWKS for every token with an unknown
 * {@code kid}, unthrottled, and offers no hook to change that (spring-security#19643); this is
 * Nimbus's own {@link JWKSourceBuilder} with:
 * <ul>
 * <li>a cache ({@link Timings#cacheTtl}), refreshed ahead of its expiry in the background, so that a
 * request never waits for a routine refresh;</li>
 * <li>a rate limit: at most two fetches per {@link Timings#minFetchInterval} however many tokens with
 * unknown keys arrive — a flood of forged {@code kid}s costs auth a handful of requests, and cannot
 * drain this instance's allowance on auth's rate limits;</li>
 * <li>outage tolerance: when auth does not answer, the last good keys stay in use for
 * {@link Timings#outageTolerance};</li>
 * <li>one retry of a failed fetch, and short HTTP timeouts and a size limit on the response.</li>
 * </ul>
 *
 * @see SplitModeConfiguration#jwksJwtDecoder
 */
final class RemoteJwks {

	/**
	 * @param cacheTtl how long fetched keys are used before they are fetched again
	 * @param refreshTimeout how long a request waits for a fetch in progress
	 * @param refreshAhead how long before the cache expires it is refreshed in the background
	 * @param minFetchInterval at most two fetches in this interval (unknown {@code kid}s included)
	 * @param outageTolerance how long the last good keys are used while auth does not answer
	 * @param httpTimeout connect and read timeout of a fetch
	 */
	record Timings(Duration cacheTtl, Duration refreshTimeout, Duration refreshAhead, Duration minFetchInterval,
			Duration outageTolerance, Duration httpTimeout) {

		/** Production values: keys rotate rarely; auth's rate limits must never see us. */
		static final Timings DEFAULT = new Timings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
				Duration.ofSeconds(5), Duration.ofHours(24), Duration.ofSeconds(2));
	}

	/** Largest JWKS accepted (bytes): a few keys are a few kilobytes. */
	private static final int SIZE_LIMIT = 64 * 1024;

	private RemoteJwks() {
	}

	static JWKSource<SecurityContext> source(String jwksUri, Timings timings) {
		URL url;
		try {
			url = URI.create(jwksUri).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException("orderly.split.jwks-uri (ORDERLY_SPLIT_JWKS_URI) is not a URL: " + jwksUri, ex);
		}
		int timeout = (int) timings.httpTimeout().toMillis();
		return JWKSourceBuilder.<SecurityContext>create(url, new DefaultResourceRetriever(timeout, timeout, SIZE_LIMIT))
			.cache(timings.cacheTtl().toMillis(), timings.refreshTimeout().toMillis())
			.refreshAheadCache(timings.refreshAhead().toMillis(), true)
			.rateLimited(timings.minFetchInterval().toMillis())
			.retrying(true)
			.outageTolerant(timings.outageTolerance().toMillis())
			.build();
	}
}
