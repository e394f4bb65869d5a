package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;
import org.jspecify.annotations.Nullable;

import dev.orderly.platform.contract.EventVersion;

/**
 * An administrator created, replaced or deactivated a product of the price list ({@code PUT} or
 * {@code DELETE /products/{sku}}): the product before and after, who did it and in which request.
 * Published for the audit trail (docs/adr/0039); ordering does not depend on it.
 *
 * @param before the product before the change; {@code null} when it was created
 * @param after the product after the change (a deactivated one is {@code active = false})
 * @param actorId the administrator; {@code null} for the system (demo data)
 * @param requestId the {@code X-Request-Id} of the request; {@code null} outside a request
 */
@DomainEvent
@EventVersion(1)
public record PriceListChanged(String sku, @Nullable Entry before, Entry after, @Nullable UUID actorId,
		@Nullable String requestId, Instant changedAt) {

	/** A product as the price list holds it; prices in minor units of {@code currency}. */
	public record Entry(String name, long unitPrice, String currency, boolean active) {
	}
}
