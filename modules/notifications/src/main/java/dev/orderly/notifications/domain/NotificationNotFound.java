package dev.orderly.notifications;

/**
 * No such notification, or one the actor may not see (which they must not be able to tell apart).
 */
class NotificationNotFound extends RuntimeException {

	NotificationNotFound() {
		super("Resource not found", null, false, false);
	}
}
