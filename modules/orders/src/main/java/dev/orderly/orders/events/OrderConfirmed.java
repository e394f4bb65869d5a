package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;


/**
 * An administrator confirmed the order.
 */
public record OrderConfirmed(UUID orderId, UUID userId, long total, String currency, Instant confirmedAt) {
}
