package dev.orderly.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Digests of secrets that are stored or compared but never kept: one-time tokens, refresh tokens.
 * Such tokens are high-entropy random values, so a fast unsalted SHA-256 is enough (unlike
 * passwords, which are hashed with Argon2id).
 */
public final class Digests {

	private Digests() {
	}

	/** Lower-case hex SHA-256 of the UTF-8 bytes of {@code value}. */
	public static String sha256Hex(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}
}
