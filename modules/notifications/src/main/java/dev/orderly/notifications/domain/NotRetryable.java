package dev.orderly.notifications.domain;

/**
 * Only an email that did not reach {@code SENT}, and is neither being sent ({@code SENDING}) nor
 * skipped for a deleted recipient ({@code SKIPPED}), can be retried.
 */
public class NotRetryable extends RuntimeException {

	public NotRetryable(Notification notification) {
		super("Only an email that is not SENT, SENDING or SKIPPED can be retried; this one is "
				+ notification.channel() + " " + notification.status(), null, false, false);
	}
}
