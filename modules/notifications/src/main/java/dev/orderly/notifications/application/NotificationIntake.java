package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.domain.NewNotification;
import dev.orderly.notifications.domain.Notice;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.RecipientUpdate;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.notifications.persistence.Recipients;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;

/**
 * The one way an integration event enters notifications: the in-process listeners
 * ({@link NotificationListeners}) hand their events to it, and so can anything else (e.g. a message
 * broker consumer). The event is handled synchronously, in the caller's transaction, as the table of
 * {@link NotificationRules} says: first the recipients projection, then the notification — unless
 * its recipient is deleted — as an email (due at once, or waiting for the recipient's address) and,
 * for the kinds shown in the app, an in-app notification, both in one statement. A caller acknowledges its message only
 * after this returns and the transaction commits.
 */
@Component
class NotificationIntake {

	/** The event types notifications consumes, in the order a broker binding would list them. */
	static final List<Class<?>> EVENT_TYPES = List.of(UserRegistered.class, DuplicateRegistrationAttempted.class,
			EmailVerificationRequested.class, UserEmailVerified.class, UserProfileUpdated.class, UserDeleted.class,
			PasswordChanged.class, PasswordResetRequested.class, OrderPlaced.class, OrderConfirmed.class,
			OrderShipped.class, OrderDelivered.class, OrderCancelled.class, AdministratorNoticeRequested.class);

	private final NotificationRules rules;

	private final Recipients recipients;

	private final Notifications notifications;

	private final NotificationTemplates templates;

	private final Clock clock;

	private final AdministratorNoticeBoard administratorNotices;

	private final NotificationProperties properties;

	private final EmailDispatcher dispatcher;

	NotificationIntake(NotificationRules rules, Recipients recipients, Notifications notifications,
			NotificationTemplates templates, Clock clock, AdministratorNoticeBoard administratorNotices,
			NotificationProperties properties, EmailDispatcher dispatcher) {
		this.properties = properties;
		this.dispatcher = dispatcher;
		this.administratorNotices = administratorNotices;
		this.rules = rules;
		this.recipients = recipients;
		this.notifications = notifications;
		this.templates = templates;
		this.clock = clock;
	}

	/**
	 * Handles one event. Idempotent (dedup keys, order-tolerant projection), so a redelivered event
	 * records nothing new.
	 * @return {@code false} when notifications does not consume this type of event
	 */
	@Transactional
	public boolean accept(Object event) {
		Optional<NotificationRules.Meaning> meaning = rules.meaningOf(event);
		meaning.ifPresent(it -> {
			it.recipient().ifPresent(this::update);
			it.notice().ifPresent(this::record);
			it.administrators().ifPresent(administratorNotices::post);
		});
		return meaning.isPresent();
	}

	private void update(RecipientUpdate update) {
		recipients.apply(update);
		if (update.deleted()) {
			notifications.skipOpenEmailsOf(update.userId());
		}
	}

	/**
	 * Records the notice on each of its channels, unless its recipient is deleted: one statement, which
	 * applies the recipient's rules itself (deleted: nothing; no address known: the email waits for it),
	 * instead of a lookup before it (ADR 0043).
	 */
	private void record(Notice notice) {
		Instant at = notice.at() != null ? notice.at() : clock.instant();
		List<NewNotification> rows = new ArrayList<>(2);
		if (notice.channels().contains(Notification.Channel.EMAIL)) {
			rows.add(NewNotification.email(notice, at));
		}
		if (notice.channels().contains(Notification.Channel.IN_APP)) {
			NotificationTemplates.RenderedInApp shown = templates.inApp(notice.model());
			rows.add(NewNotification.inApp(notice, shown.title(), shown.body(), at));
		}
		if (rows.isEmpty()) {
			return;
		}
		// A free sender of this instance takes the email at once: recorded claimed in this transaction and
		// sent right after its commit, instead of a claim of its own at the dispatcher's next poll (ADR 0043).
		Optional<EmailDispatcher.DirectSend> sender = notice.channels().contains(Notification.Channel.EMAIL)
				? dispatcher.reserveSender() : Optional.empty();
		Optional<Notifications.Claimed> claimed;
		try {
			claimed = notifications.recordAll(rows, sender.map(EmailDispatcher.DirectSend::emailId).orElse(null),
					properties.dispatch().lease()); // one round trip for both channels
		}
		catch (RuntimeException ex) {
			sender.ifPresent(EmailDispatcher.DirectSend::release);
			throw ex;
		}
		if (sender.isPresent()) {
			if (claimed.isPresent()) {
				sender.get().sendAfterCommit(claimed.get());
			}
			else { // not due (no address yet), a duplicate, or a deleted recipient: nothing to send now
				sender.get().release();
			}
		}
	}
}
