package dev.orderly.orders.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** An order as the API shows it. Amounts are integer minor units of {@code currency}. */
public record OrderView(UUID id, UUID userId, OrderStatus status,
		@ArraySchema(minItems = 1, maxItems = Pricing.MAX_LINES) List<LineView> lines,
		@Schema(minimum = "0", maximum = "" + Long.MAX_VALUE) long subtotal,
		@Schema(minimum = "0", maximum = "" + Long.MAX_VALUE) long discount,
		@Schema(minimum = "0", maximum = "" + Long.MAX_VALUE) long total,
		@Schema(minLength = 3, maxLength = 3) String currency, ShippingAddress shippingAddress,
		@Schema(nullable = true, maxLength = 500) String note,
		@Schema(nullable = true, maxLength = 100) String trackingNumber,
		@Schema(nullable = true, maxLength = 500) String cancellationReason,
		@Schema(minimum = "0", maximum = "" + Long.MAX_VALUE) long version, Instant createdAt, Instant updatedAt) {

	/** A priced line; its bounds are those {@link Pricing} enforces. */
	public record LineView(@Schema(maxLength = 64) String sku, @Schema(maxLength = 200) String name,
			@Schema(minimum = "0", maximum = "" + Pricing.MAX_UNIT_PRICE) long unitPrice,
			@Schema(minimum = "1", maximum = "" + Pricing.MAX_QUANTITY) int quantity,
			@Schema(minimum = "0", maximum = "" + Pricing.MAX_UNIT_PRICE * Pricing.MAX_QUANTITY) long lineTotal) {
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
