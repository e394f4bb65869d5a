package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * The order was delivered.
 */
@DomainEvent
@EventVersion(1)
public record OrderDelivered(UUID orderId, UUID userId, Instant deliveredAt) {
}
