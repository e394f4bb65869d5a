package dev.orderly.orders;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The order left the warehouse with a tracking number.
 */
@NamedInterface("events")
public record OrderShipped(UUID orderId, UUID userId, String trackingNumber, Instant shippedAt) {
}
