package dev.orderly.users.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses are compared and stored trimmed and lower-cased. */
public final class Emails {

	/** A pragmatic check: one {@code @}, no spaces, a dot in the domain; the mailbox proves the rest. */
	/** The longest address SMTP can carry (RFC 5321 path limit). */
	static final int MAX_LENGTH = 254;

	public static final String PATTERN = "^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private Emails() {
	}

	public static String normalise(String email) {
		return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
	}

	public static boolean isValid(String normalised) {
		return normalised != null && normalised.length() <= MAX_LENGTH && COMPILED.matcher(normalised).matches();
	}
}
