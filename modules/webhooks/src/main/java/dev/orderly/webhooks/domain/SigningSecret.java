package dev.orderly.webhooks.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** A new endpoint signing secret per Standard Webhooks: {@code whsec_} and 32 random bytes in base64. */
public final class SigningSecret {

	public static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private SigningSecret() {
	}

	public static String generate() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}
}
