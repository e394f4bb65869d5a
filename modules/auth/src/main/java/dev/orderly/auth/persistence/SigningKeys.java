package dev.orderly.auth.persistence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.auth.AuthProperties;
import dev.orderly.platform.Ids;

/**
 * The RSA keys our access tokens are signed with. They come from configuration
 * ({@code orderly.auth.signing-keys}: the first signs, all are published) or, when none is
 * configured, from the {@code auth.signing_keys} table, where the first instance to start generates
 * one under an advisory lock so that every instance signs and verifies with the same keys, across
 * restarts. Key ids are RFC 7638 thumbprints.
 */
@Component
public class SigningKeys {

	/** Key of the advisory lock under which a key is generated. */
	private static final long KEY_GENERATION_LOCK = 0x6f72_6465_726c_7902L;

	private final RSAKey signing;

	/** All live keys, the signing key first, in publication order. */
	private final Map<String, RSAKey> byKid;

	public SigningKeys(AuthProperties properties, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		List<RSAKey> keys = properties.signingKeys().isEmpty() ? storedKeys(jdbc, transactions, clock)
				: properties.signingKeys().stream().map(SigningKeys::fromPem).toList();
		this.signing = keys.get(0);
		Map<String, RSAKey> index = new LinkedHashMap<>();
		keys.forEach(key -> index.put(key.getKeyID(), key));
		this.byKid = Collections.unmodifiableMap(index);
	}

	/** The key that signs new tokens. */
	public RSAKey signingKey() {
		return signing;
	}

	/** The public key with this id, or {@code null}: the only way a key is chosen to verify a token. */
	public RSAPublicKey publicKey(String kid) {
		RSAKey key = kid == null ? null : byKid.get(kid);
		try {
			return key == null ? null : key.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public half of every key, for {@code /.well-known/jwks.json}. */
	public JWKSet publicJwks() {
		return new JWKSet(byKid.values().stream().map(key -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList());
	}

	private static List<RSAKey> storedKeys(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		return transactions.execute(status -> {
			jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", KEY_GENERATION_LOCK).query((rs, n) -> 1).list();
			List<String> pems = jdbc.sql("""
					SELECT private_key FROM auth.signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, id DESC""")
				.query(String.class).list();
			if (!pems.isEmpty()) {
				return pems.stream().map(SigningKeys::fromPem).toList();
			}
			RSAKey generated = generate();
			Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
			jdbc.sql("""
					INSERT INTO auth.signing_keys (id, kid, private_key, created_at, updated_at)
					VALUES (:id, :kid, :pem, :now, :now)""")
				.param("id", Ids.next()).param("kid", generated.getKeyID()).param("pem", toPem(generated))
				.param("now", RefreshTokens.utc(now))
				.update();
			return List.of(generated);
		});
	}

	public static RSAKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return rsaKey((RSAPrivateCrtKey) pair.getPrivate());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA private key. */
	static RSAKey fromPem(String pem) {
		String base64 = pem.replace("\\n", "")
			.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
			.replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return rsaKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			// never echo the key material
			throw new IllegalStateException("orderly.auth.signing-keys: not a PKCS#8 PEM RSA private key");
		}
	}

	static String toPem(RSAKey key) {
		try {
			String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPrivateKey().getEncoded());
			return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
		RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		try {
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
