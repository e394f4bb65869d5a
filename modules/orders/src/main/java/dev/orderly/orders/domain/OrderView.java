package dev.orderly.orders.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An order as the API shows it. Amounts are integer minor units of {@code currency}. */
public record OrderView(UUID id, UUID userId, OrderStatus status, List<LineView> lines, long subtotal, long discount,
		long total, String currency, ShippingAddress shippingAddress, @Schema(nullable = true) String note,
		@Schema(nullable = true) String trackingNumber, @Schema(nullable = true) String cancellationReason, long version, Instant createdAt, Instant updatedAt) {

	public record LineView(String sku, String name, long unitPrice, int quantity, long lineTotal) {
	}

	public static OrderView of(Order order) {
		return new OrderView(order.id(), order.userId(), order.status(),
				order.lines().stream()
					.map(line -> new LineView(line.sku(), line.name(), line.unitPrice(), line.quantity(), line.lineTotal()))
					.toList(),
				order.subtotal(), order.discount(), order.total(), order.currency(), order.shippingAddress(),
				order.note(), order.trackingNumber(), order.cancellationReason(), order.version(), order.createdAt(),
				order.updatedAt());
	}
}
