package dev.orderly.orders.application;

import dev.orderly.orders.domain.ShippingAddress;

/**
 * A change of an order's address or note, what {@link OrderManagement#amend} takes: {@code null}
 * keeps the current value, a blank note removes it.
 */
public record OrderAmendment(ShippingAddress shippingAddress, String note) {
}
