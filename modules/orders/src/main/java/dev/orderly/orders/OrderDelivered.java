package dev.orderly.orders;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The order was delivered.
 */
@NamedInterface("events")
public record OrderDelivered(UUID orderId, UUID userId, Instant deliveredAt) {
}
