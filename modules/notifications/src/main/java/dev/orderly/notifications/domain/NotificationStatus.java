package dev.orderly.notifications.domain;

/**
 * Where a notification stands. Email rows move
 * {@code AWAITING_RECIPIENT → PENDING → SENDING → SENT}; a failed attempt puts them back to
 * {@code PENDING} with a later {@code next_attempt_at}, the last one to {@code FAILED}. A row left
 * {@code SENDING} after its lease expired (its sender died mid-send) is {@code PENDING} again and is
 * resent with the same {@code Message-ID}. {@code UNCONFIRMED} is no longer produced: earlier
 * versions left such rows unsent; an administrator can retry them. In-app rows are
 * {@code DELIVERED} at once.
 */
public enum NotificationStatus {

	AWAITING_RECIPIENT, PENDING, SENDING, SENT, FAILED, UNCONFIRMED, SKIPPED, DELIVERED;

	/**
	 * Whether an administrator may retry an email in this state: every state short of {@code SENT}
	 * except {@code SENDING} (in flight) and {@code SKIPPED} (its recipient is deleted).
	 */
	public boolean mayBeRetried() {
		return this == FAILED || this == UNCONFIRMED || this == PENDING || this == AWAITING_RECIPIENT;
	}
}
