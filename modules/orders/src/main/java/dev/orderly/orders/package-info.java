/**
 * Orders: the price list (products), server-priced orders and their lifecycle.
 * <p>
 * Depends on users' events only (to cancel the open orders of a deleted user). Publishes
 * {@code OrderPlaced}, {@code OrderConfirmed}, {@code OrderShipped}, {@code OrderDelivered} and
 * {@code OrderCancelled} in its contract package {@code orders.events}.
 */
@ApplicationModule(displayName = "Orders", allowedDependencies = { "platform", "users :: events" })
package dev.orderly.orders;

import org.springframework.modulith.ApplicationModule;
