package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;


/**
 * The order was delivered.
 */
public record OrderDelivered(UUID orderId, UUID userId, Instant deliveredAt) {
}
