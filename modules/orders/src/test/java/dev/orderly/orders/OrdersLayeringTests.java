package dev.orderly.orders;

import dev.orderly.platform.test.ModuleRooms;

/** The rooms inside the orders module (ADR 0030), checked on its own code in its own build. */
class OrdersLayeringTests extends ModuleRooms {

	OrdersLayeringTests() {
		super("dev.orderly.orders");
	}
}
