package dev.orderly.notifications;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.Digests;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;

/**
 * Turns the events of users, auth and orders into recipients and notifications. Each listener runs
 * after the publishing transaction committed, in a transaction of its own, and only records rows:
 * emails are sent later by the {@link EmailDispatcher}. Every notification has a dedup key made of
 * its channel, kind and the identity of its source event, so a redelivered event records nothing
 * new. Tokens are kept (in {@code secret}) only until the email is sent; only their hash goes into
 * the dedup key. Events without a time of their own (token requests) update the recipient only
 * where it knows nothing newer ({@link Instant#EPOCH} as their source time).
 */
@Component
class NotificationListeners {

	private final Recipients recipients;

	private final Notifications notifications;

	private final NotificationTemplates templates;

	private final NotificationLinks links;

	private final Clock clock;

	NotificationListeners(Recipients recipients, Notifications notifications, NotificationTemplates templates,
			NotificationLinks links, Clock clock) {
		this.recipients = recipients;
		this.notifications = notifications;
		this.templates = templates;
		this.links = links;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(UserRegistered event) {
		recipients.upsert(event.userId(), event.email(), event.displayName(), event.locale(), event.registeredAt());
		email(event.userId(), NotificationKind.WELCOME, event.userId().toString(), event.email(),
				params("displayName", event.displayName()), null, event.registeredAt());
	}

	/**
	 * Tells the owner of an address that someone tried to register it. At most one such email per
	 * account and hour (the dedup key holds the hour), so repeated attempts cannot flood a mailbox.
	 */
	@ApplicationModuleListener
	void on(DuplicateRegistrationAttempted event) {
		recipients.upsert(event.userId(), event.email(), event.displayName(), event.locale(), Instant.EPOCH);
		Instant hour = event.attemptedAt().truncatedTo(ChronoUnit.HOURS);
		email(event.userId(), NotificationKind.DUPLICATE_REGISTRATION, event.userId() + ":" + hour, event.email(),
				params("displayName", event.displayName(), "attemptedAt", String.valueOf(event.attemptedAt())), null,
				event.attemptedAt());
	}

	@ApplicationModuleListener
	void on(EmailVerificationRequested event) {
		recipients.upsert(event.userId(), event.email(), event.displayName(), null, Instant.EPOCH);
		email(event.userId(), NotificationKind.EMAIL_VERIFICATION, event.userId() + ":" + sha256(event.token()),
				event.email(), params("displayName", event.displayName(), "expiresAt", String.valueOf(event.expiresAt())),
				event.token(), clock.instant());
	}

	@ApplicationModuleListener
	void on(UserEmailVerified event) {
		recipients.upsert(event.userId(), event.email(), null, null, event.verifiedAt());
	}

	@ApplicationModuleListener
	void on(UserProfileUpdated event) {
		recipients.upsert(event.userId(), event.email(), event.displayName(), event.locale(), event.updatedAt());
	}

	@ApplicationModuleListener
	void on(UserDeleted event) {
		recipients.markDeleted(event.userId(), event.deletedAt());
		notifications.skipOpenEmailsOf(event.userId());
	}

	@ApplicationModuleListener
	void on(PasswordChanged event) {
		recipients.upsert(event.userId(), event.email(), event.displayName(), null, event.changedAt());
		email(event.userId(), NotificationKind.PASSWORD_CHANGED, event.userId() + ":" + event.changedAt(),
				event.email(), params("displayName", event.displayName(), "changedAt", String.valueOf(event.changedAt())),
				null, event.changedAt());
	}

	@ApplicationModuleListener
	void on(PasswordResetRequested event) {
		recipients.upsert(event.userId(), event.email(), event.displayName(), null, Instant.EPOCH);
		email(event.userId(), NotificationKind.PASSWORD_RESET, event.userId() + ":" + sha256(event.token()),
				event.email(), params("displayName", event.displayName(), "expiresAt", String.valueOf(event.expiresAt())),
				event.token(), clock.instant());
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		int items = event.lines().stream().mapToInt(line -> line.quantity()).sum();
		order(event.userId(), NotificationKind.ORDER_PLACED, event.orderId(), event.placedAt(),
				params("total", money(event.total(), event.currency()), "itemCount", String.valueOf(items)));
	}

	@ApplicationModuleListener
	void on(OrderConfirmed event) {
		order(event.userId(), NotificationKind.ORDER_CONFIRMED, event.orderId(), event.confirmedAt(),
				params("total", money(event.total(), event.currency())));
	}

	@ApplicationModuleListener
	void on(OrderShipped event) {
		order(event.userId(), NotificationKind.ORDER_SHIPPED, event.orderId(), event.shippedAt(),
				params("trackingNumber", event.trackingNumber()));
	}

	@ApplicationModuleListener
	void on(OrderDelivered event) {
		order(event.userId(), NotificationKind.ORDER_DELIVERED, event.orderId(), event.deliveredAt(), params());
	}

	@ApplicationModuleListener
	void on(OrderCancelled event) {
		order(event.userId(), NotificationKind.ORDER_CANCELLED, event.orderId(), event.cancelledAt(),
				params("reason", event.reason(), "total", money(event.total(), event.currency())));
	}

	/**
	 * An order notification: an email (its address is looked up when it is sent) and an in-app
	 * notification. Order events carry only the user id; if the recipient is not known yet (its
	 * users event may be processed later), the email waits as {@code AWAITING_RECIPIENT}.
	 */
	private void order(UUID userId, NotificationKind kind, UUID orderId, Instant at, Map<String, String> params) {
		params.put("orderId", orderId.toString());
		params.put("link", links.linkFor(kind, userId, orderId.toString(), null));
		if (email(userId, kind, orderId.toString(), null, params, null, at)) {
			NotificationTemplates.RenderedInApp inApp = templates.inApp(kind, params);
			notifications.record(new NewNotification(userId, Notification.Channel.IN_APP, kind,
					NotificationStatus.DELIVERED, dedupKey(Notification.Channel.IN_APP, kind, orderId.toString()), null,
					params, null, inApp.title(), inApp.body(), at));
		}
	}

	/** Records an email unless its recipient is deleted; {@code false} if the recipient is deleted. */
	private boolean email(UUID userId, NotificationKind kind, String source, String email, Map<String, String> params,
			String secret, Instant at) {
		Optional<Recipient> recipient = recipients.find(userId);
		if (recipient.map(Recipient::deleted).orElse(false)) {
			return false;
		}
		boolean addressKnown = email != null || recipient.map(Recipient::email).isPresent();
		notifications.record(new NewNotification(userId, Notification.Channel.EMAIL, kind,
				addressKnown ? NotificationStatus.PENDING : NotificationStatus.AWAITING_RECIPIENT,
				dedupKey(Notification.Channel.EMAIL, kind, source), email, params, secret, null, null, at));
		return true;
	}

	private static String dedupKey(Notification.Channel channel, NotificationKind kind, String source) {
		return channel + ":" + kind + ":" + source;
	}

	private static Map<String, String> params(String... keyValues) {
		Map<String, String> params = new HashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			params.put(keyValues[i], keyValues[i + 1]);
		}
		return params;
	}

	/** Integer minor units as a decimal amount with its currency, e.g. {@code 12.50 EUR}. */
	static String money(long minorUnits, String currency) {
		int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency;
	}

	private static String sha256(String token) {
		return Digests.sha256Hex(token);
	}
}
