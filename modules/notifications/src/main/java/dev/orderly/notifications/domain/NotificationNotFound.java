package dev.orderly.notifications.domain;

/**
 * No such notification, or one the actor may not see (which they must not be able to tell apart).
 */
public class NotificationNotFound extends RuntimeException {

	public NotificationNotFound() {
		super("Resource not found", null, false, false);
	}
}
