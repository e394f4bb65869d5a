package dev.orderly.users;

import dev.orderly.platform.test.ModuleRooms;

/** The rooms inside the users module (ADR 0030), checked on its own code in its own build. */
class UsersLayeringTests extends ModuleRooms {

	UsersLayeringTests() {
		super("dev.orderly.users");
	}
}
