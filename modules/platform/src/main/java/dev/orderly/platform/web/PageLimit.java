package dev.orderly.platform.web;

/**
 * The {@code ?limit=} of a list request: default 20, between 1 and 100.
 */
public final class PageLimit {

	public static final int DEFAULT = 20;

	public static final int MAX = 100;

	private PageLimit() {
	}

	/** Validates a requested limit; {@code null} means the default. */
	public static int of(Integer requested) {
		if (requested == null) {
			return DEFAULT;
		}
		if (requested < 1 || requested > MAX) {
			throw ApiException.invalid("limit", "out_of_range", "limit must be between 1 and " + MAX);
		}
		return requested;
	}
}
