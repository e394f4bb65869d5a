package dev.orderly.orders;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * The order was cancelled by its owner, an administrator, or because its owner was deleted.
 */
@NamedInterface("events")
public record OrderCancelled(UUID orderId, UUID userId, String reason, long total, String currency, Instant cancelledAt) {
}
