package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;


/**
 * The order left the warehouse with a tracking number.
 */
public record OrderShipped(UUID orderId, UUID userId, String trackingNumber, Instant shippedAt) {
}
