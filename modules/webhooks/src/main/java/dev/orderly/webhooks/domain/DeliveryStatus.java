package dev.orderly.webhooks.domain;

/**
 * Where a delivery is: {@code PENDING} (due at its next attempt), {@code SENDING} (claimed by an
 * instance), {@code DELIVERED} (a 2xx answer), {@code DEAD} (given up: the retry window passed, the
 * receiver refused it for good, or the target is not allowed; an administrator can retry it).
 */
public enum DeliveryStatus {
	PENDING, SENDING, DELIVERED, DEAD
}
