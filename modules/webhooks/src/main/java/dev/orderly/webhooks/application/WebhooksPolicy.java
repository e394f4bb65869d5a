package dev.orderly.webhooks.application;

import dev.orderly.platform.Actor;
import dev.orderly.webhooks.domain.ActionNotAllowed;

/**
 * Who may do what in webhooks: integration partners are configured by the business, so every
 * operation on endpoints and their deliveries is for administrators (and the system) only.
 */
final class WebhooksPolicy {

	private WebhooksPolicy() {
	}

	static void requireMayManage(Actor actor) {
		if (!actor.isAdmin() && !actor.isSystem()) {
			throw new ActionNotAllowed("manage webhook endpoints");
		}
	}
}
