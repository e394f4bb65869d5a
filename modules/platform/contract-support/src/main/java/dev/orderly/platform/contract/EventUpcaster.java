package dev.orderly.platform.contract;

import java.util.Map;

/**
 * Turns the data of one version of an integration event into the data of the next version, before
 * it is bound to the record (docs/adr/0031). It works on the JSON object as a map (strings,
 * numbers, booleans, lists and maps, as the JSON had them), so a contract artifact needs no JSON
 * library. An implementation has a public no-argument constructor and is listed in
 * {@link EventVersion#upcasters()} of the record; readers chain them from the version a message
 * carries up to the current one.
 * <p>
 * Example: {@code placedAt} renamed to {@code placedOn} in version 2 of {@code OrderPlaced}:
 * {@code data.put("placedOn", data.remove("placedAt"))}.
 */
public interface EventUpcaster {

	/** The version this upcaster reads; it produces version {@code from() + 1}. */
	int from();

	/** Rewrites {@code data} (the envelope's {@code data} object, mutable) from {@link #from()} to the next version. */
	void upcast(Map<String, Object> data);
}
