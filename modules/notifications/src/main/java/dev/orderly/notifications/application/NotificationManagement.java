package dev.orderly.notifications.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.orderly.notifications.domain.NotRetryable;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationNotFound;
import dev.orderly.notifications.domain.NotificationStatus;
import dev.orderly.notifications.domain.Recipient;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.notifications.persistence.Recipients;
import dev.orderly.platform.Actor;
import dev.orderly.platform.paging.Cursor;

/**
 * The use cases of notifications for an actor: a user's in-app notifications (and their mail in
 * the development mailbox), and the delivery operations of administrators (emails by status,
 * retrying one). Each asks the
 * {@link NotificationPolicy} first; failures are this module's exceptions.
 */
@Service
public class NotificationManagement {

	/** Administrative events (docs/ops/README.md). */
	private static final Logger LOG = LoggerFactory.getLogger(NotificationManagement.class);

	private final Notifications notifications;

	private final NotificationPolicy policy;

	private final NotificationMetrics metrics;

	private final AdministratorNoticeBoard administratorNotices;

	NotificationManagement(Notifications notifications, NotificationPolicy policy, NotificationMetrics metrics,
			AdministratorNoticeBoard administratorNotices) {
		this.administratorNotices = administratorNotices;
		this.notifications = notifications;
		this.policy = policy;
		this.metrics = metrics;
	}

	/** One page (plus one row) of a user's in-app notifications, newest first. */
	public List<Notification> inAppOf(Actor actor, UUID userId, boolean unreadOnly, Cursor cursor, int limit) {
		if (!policy.mayList(actor, userId)) {
			throw new NotificationNotFound();
		}
		if (actor.is(userId) && actor.isAdmin()) {
			administratorNotices.deliverTo(userId); // their copies of the notices for every administrator
		}
		return notifications.inAppOf(userId, unreadOnly, cursor, limit);
	}

	/** Marks an in-app notification read; reading it again keeps the first time. */
	public Notification markRead(Actor actor, UUID id) {
		Notification notification = notifications.find(id)
			.filter(it -> policy.mayMarkRead(actor, it))
			.orElseThrow(NotificationNotFound::new);
		notifications.markRead(notification.id());
		return notifications.find(id).orElseThrow(NotificationNotFound::new);
	}

	/** One page (plus one row) of notifications in any of the given states, newest first. */
	public List<Notification> inStatus(Actor actor, List<NotificationStatus> statuses, Cursor cursor, int limit) {
		policy.checkMayOperateDelivery(actor);
		return notifications.inStatus(statuses, cursor, limit);
	}

	/**
	 * Schedules an email that did not reach {@code SENT} for delivery now with a fresh attempt
	 * budget; not one in flight ({@code SENDING}) nor one to a deleted recipient ({@code SKIPPED}).
	 */
	public Notification retry(Actor actor, UUID id) {
		policy.checkMayOperateDelivery(actor);
		Notification notification = notifications.find(id).orElseThrow(NotificationNotFound::new);
		if (notification.channel() != Notification.Channel.EMAIL || !notification.status().mayBeRetried()
				|| !notifications.retry(id)) {
			throw new NotRetryable(notification);
		}
		metrics.retried("admin");
		LOG.atInfo().setMessage("email.retry_requested")
			.addKeyValue("notificationId", id)
			.addKeyValue("actorId", actor.id())
			.addKeyValue("previousStatus", notification.status())
			.log();
		return notifications.find(id).orElseThrow(NotificationNotFound::new);
	}

	/** The user whose mail the actor may read in the development mailbox: their own. */
	public Optional<UUID> mailboxOwner(Actor actor) {
		if (actor.isSystem() || !policy.mayReadMailboxOf(actor, actor.id())) {
			return Optional.empty();
		}
		return Optional.of(actor.id());
	}
}
