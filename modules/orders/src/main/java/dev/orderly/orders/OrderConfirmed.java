package dev.orderly.orders;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * An administrator confirmed the order.
 */
@NamedInterface("events")
public record OrderConfirmed(UUID orderId, UUID userId, long total, String currency, Instant confirmedAt) {
}
