package dev.orderly.auth;

import dev.orderly.platform.test.ModuleRooms;

/** The rooms inside the auth module (ADR 0030), checked on its own code in its own build. */
class AuthLayeringTests extends ModuleRooms {

	AuthLayeringTests() {
		super("dev.orderly.auth");
	}
}
