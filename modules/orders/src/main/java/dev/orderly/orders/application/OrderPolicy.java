package dev.orderly.orders.application;

import java.util.UUID;

import dev.orderly.orders.domain.ActionNotAllowed;
import dev.orderly.orders.domain.CustomerNotFound;
import dev.orderly.orders.domain.Order;
import dev.orderly.orders.domain.OrderNotFound;
import dev.orderly.platform.Actor;
import dev.orderly.platform.SecurityEvents;

/**
 * Who may do what in orders — every such rule of the module, and nowhere else. The use cases call
 * it before they act (after loading what they act on, before any precondition or state check).
 * <ul>
 * <li>An order is visible to its owner and to administrators. To anyone else it does not exist:
 * {@link OrderNotFound}, and {@link CustomerNotFound} for another user's list or nested path.</li>
 * <li>Visible but not for this role: {@link ActionNotAllowed}. Only the owner edits an order (items,
 * address, note); the owner and administrators cancel it; only administrators confirm, ship,
 * deliver and delete orders, maintain the price list and see its inactive products.</li>
 * <li>The system ({@link Actor#system()}: a listener, a job) may do what an administrator may, and
 * it alone closes the orders of a deleted account.</li>
 * </ul>
 */
public final class OrderPolicy {

	private OrderPolicy() {
	}

	/** Whether the actor may see an order of {@code ownerId}: the owner, an administrator, the system. */
	static boolean maySee(Actor actor, UUID ownerId) {
		return actsForEveryone(actor) || actor.is(ownerId);
	}

	/**
	 * Whose orders a list shows: for administrators (and the system) the requested user's, or
	 * everyone's when none is requested; for anyone else their own.
	 *
	 * @throws CustomerNotFound when a user asks for another user's orders
	 */
	static UUID ownerToList(Actor actor, UUID requestedUserId) {
		if (actsForEveryone(actor)) {
			return requestedUserId;
		}
		if (requestedUserId != null && !actor.is(requestedUserId)) {
			SecurityEvents.hiddenAsNotFound("customer", requestedUserId, actor);
			throw new CustomerNotFound(requestedUserId);
		}
		return actor.id();
	}

	/** @throws CustomerNotFound when a user places an order for another user */
	public static void requireMayPlaceFor(Actor actor, UUID ownerId) {
		if (!maySee(actor, ownerId)) {
			SecurityEvents.hiddenAsNotFound("customer", ownerId, actor);
			throw new CustomerNotFound(ownerId);
		}
	}

	/** Replacing or amending: the owner only. */
	static void requireMayEdit(Actor actor, Order order) {
		requireMaySee(actor, order);
		if (!actor.is(order.userId())) {
			throw new ActionNotAllowed("edit another customer's order");
		}
	}

	/** Cancelling: whoever may see the order (its owner, an administrator). */
	static void requireMayCancel(Actor actor, Order order) {
		requireMaySee(actor, order);
	}

	/** Confirming, shipping, delivering: administrators. */
	static void requireMayFulfil(Actor actor, Order order) {
		requireMaySee(actor, order);
		requireAdministrator(actor, "confirm, ship or deliver an order");
	}

	/** Deleting (soft): administrators. */
	static void requireMayDelete(Actor actor, Order order) {
		requireMaySee(actor, order);
		requireAdministrator(actor, "delete an order");
	}

	/** Cancelling every open order of a deleted account and refusing new ones: the system only. */
	static void requireMayCloseAccount(Actor actor) {
		if (!actor.isSystem()) {
			throw new ActionNotAllowed("close a customer's orders");
		}
	}

	/** Creating, replacing, deactivating products: administrators. */
	static void requireMayManageProducts(Actor actor) {
		requireAdministrator(actor, "change the price list");
	}

	/** Whether inactive products are shown to the actor (and not answered as not found). */
	static boolean maySeeInactiveProducts(Actor actor) {
		return actsForEveryone(actor);
	}

	private static void requireMaySee(Actor actor, Order order) {
		if (!maySee(actor, order.userId())) {
			SecurityEvents.hiddenAsNotFound("order", order.id(), actor);
			throw new OrderNotFound(order.id());
		}
	}

	private static void requireAdministrator(Actor actor, String action) {
		if (!actsForEveryone(actor)) {
			throw new ActionNotAllowed(action);
		}
	}

	private static boolean actsForEveryone(Actor actor) {
		return actor.isAdmin() || actor.isSystem();
	}
}
