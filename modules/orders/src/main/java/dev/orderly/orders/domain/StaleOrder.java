package dev.orderly.orders.domain;

import java.util.UUID;

/**
 * The order changed since the writer read it: its version is none of the versions the writer
 * expected ({@link ExpectedVersion}). Nothing was changed; read it again and retry.
 */
public final class StaleOrder extends OrdersException {

	public StaleOrder(UUID orderId, long currentVersion) {
		super("Order " + orderId + " is at version " + currentVersion + ", not the one expected");
	}
}
