package dev.orderly.platform;

import java.time.Instant;

/**
 * The instants a client may send — in a cursor, in {@code ?createdAfter=}-style parameters: years 1
 * to 9999, well inside PostgreSQL's {@code timestamptz} range (4713 BC to 294276 AD), so no client
 * value reaches a query as "timestamp out of range".
 */
public final class StorableTimes {

	public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

	public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

	private StorableTimes() {
	}

	public static boolean storable(Instant instant) {
		return !instant.isBefore(MIN) && !instant.isAfter(MAX);
	}
}
