package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * An administrator confirmed the order.
 */
@DomainEvent
public record OrderConfirmed(UUID orderId, UUID userId, long total, String currency, Instant confirmedAt) {
}
