package dev.orderly.orders;

import java.util.Arrays;

import dev.orderly.platform.web.ApiException;

/**
 * An optional {@code If-Match} precondition against an order's version (its strong ETag
 * {@code "<version>"}). Absent: no precondition (the row lock still prevents lost updates).
 * Present: one of the listed ETags, or {@code *}, must match by strong comparison, else 412.
 */
record IfMatch(String header) {

	static final IfMatch NONE = new IfMatch(null);

	static String etagOf(long version) {
		return "\"" + version + "\"";
	}

	void check(long currentVersion) {
		if (header == null) {
			return;
		}
		String current = etagOf(currentVersion);
		boolean matches = Arrays.stream(header.split(","))
			.map(String::trim)
			.anyMatch(tag -> tag.equals("*") || tag.equals(current));
		if (!matches) {
			throw ApiException.preconditionFailed();
		}
	}
}
