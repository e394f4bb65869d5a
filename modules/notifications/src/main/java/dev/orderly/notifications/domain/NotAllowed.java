package dev.orderly.notifications.domain;

/** The actor's roles do not allow this operation (see {@code NotificationPolicy}). */
public class NotAllowed extends RuntimeException {

	public NotAllowed() {
		super("You are not allowed to do this", null, false, false);
	}
}
