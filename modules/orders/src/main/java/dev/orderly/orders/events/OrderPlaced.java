package dev.orderly.orders.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * An order was placed and priced. Amounts are integer minor units of {@code currency}.
 */
@DomainEvent
public record OrderPlaced(UUID orderId, UUID userId, List<OrderLine> lines, long subtotal, long discount, long total, String currency, Instant placedAt) {
}
