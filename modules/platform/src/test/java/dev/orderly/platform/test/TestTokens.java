package dev.orderly.platform.test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens for module tests that run without the auth module: a throw-away RSA key pair,
 * an encoder for it and the matching decoder (bean of {@link TestTokensConfiguration}).
 */
public final class TestTokens {

	private final KeyPair keys;

	private final NimbusJwtEncoder encoder;

	TestTokens() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keys = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		this.encoder = NimbusJwtEncoder.withKeyPair((RSAPublicKey) keys.getPublic(),
				(java.security.interfaces.RSAPrivateKey) keys.getPrivate()).build();
	}

	JwtDecoder decoder() {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic())
			.signatureAlgorithm(SignatureAlgorithm.RS256)
			.build();
	}

	/** A bearer token for a user with the given roles, valid for ten minutes. */
	public String forUser(UUID userId, String... roles) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(userId.toString())
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600))
			.claim("roles", List.of(roles.length == 0 ? new String[] { "USER" } : roles))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

	/** The {@code Authorization} header value for {@link #forUser}. */
	public String bearer(UUID userId, String... roles) {
		return "Bearer " + forUser(userId, roles);
	}
}
