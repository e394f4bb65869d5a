package dev.orderly.platform.test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
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

	private final String issuer;

	private final String audience;

	TestTokens() {
		this(newKeyPair(), "http://localhost:8080", "orderly-api");
	}

	private TestTokens(KeyPair keys, String issuer, String audience) {
		this.keys = keys;
		this.issuer = issuer;
		this.audience = audience;
		this.encoder = NimbusJwtEncoder.withKeyPair((RSAPublicKey) keys.getPublic(),
				(RSAPrivateKey) keys.getPrivate()).build();
	}

	/**
	 * Tokens signed with a key the application itself is configured with (app-level tests give
	 * the auth module {@link #privateKeyPem()} as its signing key), so that the real decoder
	 * accepts them.
	 */
	public static TestTokens signedLikeTheApplication(KeyPair keys, String issuer, String audience) {
		return new TestTokens(keys, issuer, audience);
	}

	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The private key as PKCS#8 PEM, the format of {@code orderly.auth.signing-keys}. */
	public static String privateKeyPem(KeyPair keys) {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
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
			.issuer(issuer)
			.audience(List.of(audience))
			.id(UUID.randomUUID().toString())
			.claim("sid", UUID.randomUUID().toString()) // a session of its own, never revoked
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
