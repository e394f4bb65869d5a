package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * The order was cancelled by its owner, an administrator, or because its owner was deleted.
 */
@DomainEvent
@EventVersion(1)
public record OrderCancelled(UUID orderId, UUID userId, String reason, long total, String currency, Instant cancelledAt) {
}
