package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * The order was delivered.
 */
@DomainEvent
public record OrderDelivered(UUID orderId, UUID userId, Instant deliveredAt) {
}
