package dev.orderly.audit.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.orderly.platform.StorableTimes;

/**
 * What administrators filter the trail by; every filter is optional, and they combine.
 *
 * @param actorId entries of this actor
 * @param targetId entries about this user id or sku
 * @param action entries of this action (one of {@link AuditAction#wireNames()})
 * @param from entries that occurred at or after
 * @param to entries that occurred before
 */
public record AuditQuery(UUID actorId, String targetId, AuditAction action, Instant from, Instant to) {

	/** User ids and skus: what a target id can be. */
	private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	/**
	 * The query from request parameters.
	 * @throws InvalidAuditQuery naming the parameter when one is not valid, or {@code from} is not
	 *         before {@code to}
	 */
	public static AuditQuery of(UUID actorId, String target, String action, Instant from, Instant to) {
		if (target != null && !TARGET.matcher(target).matches()) {
			throw new InvalidAuditQuery("target", "invalid", "target must be a user id or a sku (1 to 64 letters, "
					+ "digits, '.', '_' or '-')");
		}
		AuditAction parsed = null;
		if (action != null) {
			parsed = AuditAction.fromWire(action)
				.orElseThrow(() -> new InvalidAuditQuery("action", "invalid",
						"action must be one of " + String.join(", ", AuditAction.wireNames())));
		}
		if (from != null && !StorableTimes.storable(from)) {
			throw new InvalidAuditQuery("from", "out_of_range", "from must lie within years 1 to 9999");
		}
		if (to != null && !StorableTimes.storable(to)) {
			throw new InvalidAuditQuery("to", "out_of_range", "to must lie within years 1 to 9999");
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new InvalidAuditQuery("from", "after_to", "from must be before to");
		}
		return new AuditQuery(actorId, target, parsed, from, to);
	}
}
