package dev.orderly.notifications;

/**
 * Where a notification stands. Email rows move
 * {@code AWAITING_RECIPIENT → PENDING → SENDING → SENT}; a failed attempt puts them back to
 * {@code PENDING} with a later {@code next_attempt_at}, the last one to {@code FAILED}. A row left
 * {@code SENDING} after its lease expired may or may not have been sent: it becomes
 * {@code UNCONFIRMED} and is never resent automatically. In-app rows are {@code DELIVERED} at once.
 */
enum NotificationStatus {

	AWAITING_RECIPIENT, PENDING, SENDING, SENT, FAILED, UNCONFIRMED, SKIPPED, DELIVERED;

	/** Only dead letters may be retried by an administrator. */
	boolean mayBeRetried() {
		return this == FAILED;
	}
}
