package dev.orderly.auth.web;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that parses a token and verifies its RS256 signature once, then validates
 * every use of it in full: expiry, issuer, audience, required claims and revocation are judged on
 * each request, at the moment of the request, exactly as without the cache. Only what cannot change
 * — that these bytes carry our signature — is remembered.
 * <p>
 * A client sends the same access token for up to 15 minutes, so nearly every request skips the RSA
 * verification and the JSON parsing (15 % of the CPU of reading one order before, see
 * docs/performance.md). Tokens that fail verification are not cached. The cache is bounded in
 * entries and forgets a token once it can no longer be valid.
 */
public final class VerifiedTokenCache implements JwtDecoder {

	/** Enough for every active client of an instance; each entry is about 3 KB. */
	static final int MAXIMUM_SIZE = 10_000;

	private final JwtDecoder signatureVerifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * @param signatureVerifier parses and verifies the signature, validating no claim
	 * @param validator judges the claims of every use
	 * @param accessTokenTtl how long a token can be valid (entries are forgotten after that plus skew)
	 */
	public VerifiedTokenCache(JwtDecoder signatureVerifier, OAuth2TokenValidator<Jwt> validator, Duration accessTokenTtl) {
		this.signatureVerifier = signatureVerifier;
		this.validator = validator;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAXIMUM_SIZE)
			.expireAfterWrite(accessTokenTtl.plusMinutes(1))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = verified.get(token, signatureVerifier::decode);
		OAuth2TokenValidatorResult result = validator.validate(jwt);
		if (result.hasErrors()) {
			String description = result.getErrors().iterator().next().getDescription();
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
					result.getErrors());
		}
		return jwt;
	}

	/** How many verified tokens are remembered (for tests). */
	long size() {
		verified.cleanUp();
		return verified.estimatedSize();
	}
}
