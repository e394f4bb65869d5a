package dev.orderly.orders.events;

import java.time.Instant;
import java.util.UUID;

import dev.orderly.platform.contract.EventVersion;

/**
 * The order was delivered.
 */
@EventVersion(1)
public record OrderDelivered(UUID orderId, UUID userId, Instant deliveredAt) {
}
