package dev.orderly.notifications.application;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.orderly.notifications.domain.NotAllowed;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.platform.Actor;

/**
 * Who may do what with notifications — every such rule of the module, in one place (ADR 0021).
 * Use cases ask it first. A user's notifications are theirs: another user learns nothing of them,
 * not even that they exist.
 */
@Component
class NotificationPolicy {

	/** A user's in-app notifications: the user themself or an administrator. */
	boolean mayList(Actor actor, UUID userId) {
		return actor.isAdmin() || actor.is(userId);
	}

	/** Marking a notification read: its owner only, and only one shown in the app. */
	boolean mayMarkRead(Actor actor, Notification notification) {
		return notification.channel() == Notification.Channel.IN_APP && actor.is(notification.userId());
	}

	/** Delivery operations (listing by status, retrying an email): administrators only. */
	void checkMayOperateDelivery(Actor actor) {
		if (!actor.isAdmin()) {
			throw new NotAllowed();
		}
	}

	/** The development mailbox: a user reads only the mail sent to their own account's address. */
	boolean mayReadMailboxOf(Actor actor, UUID userId) {
		return actor.is(userId);
	}
}
