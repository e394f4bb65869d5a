package dev.orderly.auth.domain;

import java.security.SecureRandom;
import java.util.Base64;

import dev.orderly.platform.Digests;

/**
 * Opaque bearer secrets (refresh and password reset tokens): 256 bits from a CSPRNG, base64url.
 * Only their SHA-256 hash is stored — a fast hash is enough for secrets of that entropy, and it
 * lets us find a token by its hash.
 */
public final class OpaqueTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private OpaqueTokens() {
	}

	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String hash(String token) {
		return Digests.sha256Hex(token);
	}
}
