package dev.orderly.webhooks;

import dev.orderly.platform.test.ModuleRooms;

/** The rooms inside the webhooks module (ADR 0030), checked on its own code in its own build. */
class WebhooksLayeringTests extends ModuleRooms {

	WebhooksLayeringTests() {
		super("dev.orderly.webhooks");
	}
}
