package dev.orderly.orders.domain;

import java.util.Set;

/**
 * The versions of an order a writer has read and means to change (the web edge gets them from
 * {@code If-Match}). {@link #ANY} sets no precondition: the row lock still serialises writers, so
 * nothing is lost, but the writer does not learn that the order changed under it.
 *
 * @param versions the versions that may be changed; {@code null} for any
 */
public record ExpectedVersion(Set<Long> versions) {

	public static final ExpectedVersion ANY = new ExpectedVersion(null);

	public ExpectedVersion {
		versions = versions == null ? null : Set.copyOf(versions);
	}

	/** @throws StaleOrder when the order is at none of the expected versions */
	public void check(Order order) {
		if (versions != null && !versions.contains(order.version())) {
			throw new StaleOrder(order.id(), order.version());
		}
	}
}
