/**
 * Notifications: a recipients projection, email and in-app notifications with durable delivery.
 * <p>
 * Depends only on the events of users, auth and orders — never on their APIs or tables — so it
 * could be extracted into a service of its own.
 */
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "platform", "users :: events", "auth :: events", "orders :: events" })
package dev.orderly.notifications;

import org.springframework.modulith.ApplicationModule;
