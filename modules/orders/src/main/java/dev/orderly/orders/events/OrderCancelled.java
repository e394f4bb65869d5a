package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

/**
 * The order was cancelled by its owner, an administrator, or because its owner was deleted.
 */
@DomainEvent
public record OrderCancelled(UUID orderId, UUID userId, String reason, long total, String currency, Instant cancelledAt) {
}
