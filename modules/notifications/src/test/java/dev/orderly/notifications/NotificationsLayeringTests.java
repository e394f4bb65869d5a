package dev.orderly.notifications;

import dev.orderly.platform.test.ModuleRooms;

/** The rooms inside the notifications module (ADR 0030), checked on its own code in its own build. */
class NotificationsLayeringTests extends ModuleRooms {

	NotificationsLayeringTests() {
		super("dev.orderly.notifications");
	}
}
