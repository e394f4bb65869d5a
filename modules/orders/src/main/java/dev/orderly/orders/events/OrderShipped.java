package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * The order left the warehouse with a tracking number.
 */
@DomainEvent
public record OrderShipped(UUID orderId, UUID userId, String trackingNumber, Instant shippedAt) {
}
