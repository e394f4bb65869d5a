package dev.orderly.notifications;

/** The actor's roles do not allow this operation (see {@link NotificationPolicy}). */
class NotAllowed extends RuntimeException {

	NotAllowed() {
		super("You are not allowed to do this", null, false, false);
	}
}
