package dev.orderly.auth;

import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import dev.orderly.auth.persistence.RevokedSessions;
import dev.orderly.auth.persistence.SigningKeys;
import dev.orderly.auth.web.VerifiedTokenCache;
import dev.orderly.users.api.UserAccount;

/**
 * Issues our RS256 access tokens and provides the application's {@link JwtDecoder}, which accepts
 * only what we issue: RS256, a {@code kid} of one of our keys (a key is never taken from the token:
 * {@code jwk}, {@code jku}, {@code x5u}, {@code x5c} headers are refused), a valid signature, and
 * {@code exp} (required), {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code jti}, and a
 * session ({@code sid}) that has not ended ({@link RevokedSessions}).
 */
@Configuration(proxyBeanMethods = false)
public class AccessTokens {

	/** The claim naming the session (refresh token family) an access token belongs to. */
	static final String SESSION_ID = "sid";

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final NimbusJwtEncoder encoder;

	private final RevokedSessions revokedSessions;

	AccessTokens(SigningKeys keys, AuthProperties properties, RevokedSessions revokedSessions) {
		this.keys = keys;
		this.properties = properties;
		this.revokedSessions = revokedSessions;
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
	}

	public record Issued(String value, long expiresIn) {
	}

	/** An access token of {@code account} in the session (refresh token family) {@code sessionId}. */
	public Issued issue(UserAccount account, UUID sessionId, Instant now) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(properties.issuer())
			.audience(List.of(properties.audience()))
			.subject(account.id().toString())
			.issuedAt(now)
			.expiresAt(now.plus(properties.accessTokenTtl()))
			.id(UUID.randomUUID().toString())
			.claim(SESSION_ID, sessionId.toString())
			.claim("roles", account.roles().stream().sorted().toList())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.signingKey().getKeyID()).type("JWT").build();
		String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new Issued(value, properties.accessTokenTtl().toSeconds());
	}

	/**
	 * Verifies each distinct token's signature once ({@link VerifiedTokenCache}) and validates every
	 * use of it in full: {@code exp} (required), {@code iss}, {@code aud}, {@code sub}, {@code iat},
	 * {@code jti}, and a session ({@code sid}) that has not been revoked.
	 */
	@Bean
	JwtDecoder jwtDecoder() {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(ourKeysOnly(keys));
		// claims are checked by the Spring validators below, with one clock skew for all
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder signatureOnly = new NimbusJwtDecoder(processor);
		signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
		OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(
				new JwtIssuerValidator(properties.issuer()),
				new JwtAudienceValidator(properties.audience()),
				required(JwtClaimNames.EXP), required(JwtClaimNames.IAT), required(JwtClaimNames.SUB),
				required(JwtClaimNames.JTI), sessionNotRevoked());
		return new VerifiedTokenCache(signatureOnly, validator, properties.accessTokenTtl());
	}

	/** The token names a session ({@code sid}), and that session has not ended. */
	private OAuth2TokenValidator<Jwt> sessionNotRevoked() {
		OAuth2Error revoked = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token has been revoked", null);
		OAuth2Error missing = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token names no session", null);
		return jwt -> {
			UUID session = sessionOf(jwt);
			if (session == null) {
				return OAuth2TokenValidatorResult.failure(missing);
			}
			return revokedSessions.isRevoked(session) ? OAuth2TokenValidatorResult.failure(revoked)
					: OAuth2TokenValidatorResult.success();
		};
	}

	private static UUID sessionOf(Jwt jwt) {
		try {
			String sid = jwt.getClaimAsString(SESSION_ID);
			return sid == null ? null : UUID.fromString(sid);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static JwtClaimValidator<Object> required(String claim) {
		return new JwtClaimValidator<>(claim, value -> value != null);
	}

	/** Selects the verification key by {@code kid} among our keys; anything else verifies nothing. */
	static JWSKeySelector<SecurityContext> ourKeysOnly(SigningKeys keys) {
		return (JWSHeader header, SecurityContext context) -> {
			boolean carriesAKey = header.getJWK() != null || header.getJWKURL() != null
					|| header.getX509CertURL() != null || header.getX509CertChain() != null;
			if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || carriesAKey) {
				return List.of();
			}
			Key key = keys.publicKey(header.getKeyID());
			return key == null ? List.of() : List.of(key);
		};
	}
}
