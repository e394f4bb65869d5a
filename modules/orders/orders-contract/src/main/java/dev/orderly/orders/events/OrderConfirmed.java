package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import org.jmolecules.event.annotation.DomainEvent;

import dev.orderly.platform.contract.EventVersion;

/**
 * An administrator confirmed the order.
 */
@DomainEvent
@EventVersion(1)
public record OrderConfirmed(UUID orderId, UUID userId, long total, String currency, Instant confirmedAt) {
}
