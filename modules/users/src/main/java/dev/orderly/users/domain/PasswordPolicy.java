package dev.orderly.users.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.orderly.users.api.WeakPassword;

/**
 * What a password must be (NIST SP 800-63B, OWASP ASVS): 8 to 128 characters, not one of the most
 * common passwords, not the account's email. No composition rules: they make passwords weaker, not
 * stronger. Argon2 has no 72-byte limit, so every character of a long password counts.
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 8;

	public static final int MAX_LENGTH = 128;

	private static final String COMMON_PASSWORDS = "/users/common-passwords.txt";

	private final Set<String> common;

	PasswordPolicy(Set<String> common) {
		this.common = Set.copyOf(common);
	}

	/** The policy with the shipped list of the 10,000 most common passwords. */
	public static PasswordPolicy withCommonPasswordList() {
		Set<String> common = new HashSet<>();
		try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + COMMON_PASSWORDS);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					common.add(line.strip());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new PasswordPolicy(common);
	}

	/**
	 * @param field the input the password came in ({@code password}, {@code newPassword})
	 * @param email the account's email (normalised), or {@code null}
	 * @throws WeakPassword naming the input and the broken rule
	 */
	public void check(String field, String password, String email) {
		if (password == null || password.isEmpty()) {
			throw new WeakPassword(field, "required", "A password is required");
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			throw new WeakPassword(field, "too_short", "The password must have at least " + MIN_LENGTH + " characters");
		}
		if (length > MAX_LENGTH) {
			throw new WeakPassword(field, "too_long", "The password must have at most " + MAX_LENGTH + " characters");
		}
		String folded = password.strip().toLowerCase(Locale.ROOT);
		if (common.contains(folded)) {
			throw new WeakPassword(field, "too_common", "This password is too common; choose another one");
		}
		if (email != null && folded.equals(email)) {
			throw new WeakPassword(field, "same_as_email", "The password must not be your email address");
		}
	}
}
