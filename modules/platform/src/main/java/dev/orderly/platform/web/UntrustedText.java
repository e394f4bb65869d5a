package dev.orderly.platform.web;

/**
 * The one rule for text that comes from a client — every string of a JSON body, every query
 * parameter, path and header value: no character PostgreSQL cannot store ({@code U+0000}), no
 * unpaired surrogate (not well-formed UTF-16: it cannot be encoded as UTF-8 and would be stored as
 * {@code ?}), and no bidirectional embedding, override or isolate control ({@code U+202A–U+202E},
 * {@code U+2066–U+2069}), which can make a name or an order note display as something it is not
 * ("Trojan Source", CVE-2021-42574). The marks {@code U+200E}/{@code U+200F} stay allowed: mixed
 * right-to-left and left-to-right text legitimately uses them and they cannot reorder anything.
 */
public final class UntrustedText {

	/** Issue word in the error details: a NUL character. */
	public static final String NUL = "nul_character";

	/** Issue word in the error details: a lone high or low surrogate. */
	public static final String UNPAIRED_SURROGATE = "unpaired_surrogate";

	/** Issue word in the error details: a bidirectional embedding, override or isolate control. */
	public static final String BIDI_CONTROL = "bidi_control";

	private UntrustedText() {
	}

	/**
	 * What is wrong with the text, as an issue word for the error details, or {@code null} when it
	 * is acceptable. One pass over the characters, no allocation.
	 */
	public static String problem(CharSequence text) {
		if (text == null) {
			return null;
		}
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\u0000') {
				return NUL;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return UNPAIRED_SURROGATE;
			}
			if (Character.isLowSurrogate(c)) {
				return UNPAIRED_SURROGATE;
			}
			if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
				return BIDI_CONTROL;
			}
		}
		return null;
	}

	/** A readable sentence for an issue word of {@link #problem}. */
	static String describe(String field, String issue) {
		String what = switch (issue) {
			case NUL -> "a NUL character";
			case UNPAIRED_SURROGATE -> "an unpaired surrogate (not valid Unicode text)";
			case BIDI_CONTROL -> "a bidirectional control character";
			default -> "a character that is not allowed";
		};
		return "'" + field + "' contains " + what;
	}
}
