package dev.orderly.notifications.application;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
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
 * The in-process way in: each event of users, auth and orders, and any module's
 * {@code AdministratorNoticeRequested}, is handed to the
 * {@link NotificationIntake} after the publishing transaction committed, in a transaction of its own
 * (what it means is the table of {@link NotificationRules}). Listeners only record rows; an email due
 * at once is recorded already claimed when a sender is free and sent by that sender right after the
 * listener's transaction committed, any other by the {@link EmailDispatcher}'s poll (ADR 0043). One
 * method per event type, because the event
 * publication registry knows a listener by its id: each keeps the id it had before the class moved
 * into {@code notifications.application} (ADR 0030), so publications still incomplete from an
 * earlier version are still resubmitted; keep the ids, names and parameters.
 */
@Component
class NotificationListeners {

	private final NotificationIntake intake;

	NotificationListeners(NotificationIntake intake) {
		this.intake = intake;
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.UserRegistered)")
	void on(UserRegistered event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.DuplicateRegistrationAttempted)")
	void on(DuplicateRegistrationAttempted event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.EmailVerificationRequested)")
	void on(EmailVerificationRequested event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.UserEmailVerified)")
	void on(UserEmailVerified event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.UserProfileUpdated)")
	void on(UserProfileUpdated event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.UserDeleted)")
	void on(UserDeleted event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.users.events.PasswordChanged)")
	void on(PasswordChanged event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.auth.events.PasswordResetRequested)")
	void on(PasswordResetRequested event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.orders.events.OrderPlaced)")
	void on(OrderPlaced event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.orders.events.OrderConfirmed)")
	void on(OrderConfirmed event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.orders.events.OrderShipped)")
	void on(OrderShipped event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.orders.events.OrderDelivered)")
	void on(OrderDelivered event) {
		intake.accept(event);
	}

	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.orders.events.OrderCancelled)")
	void on(OrderCancelled event) {
		intake.accept(event);
	}

	/** Any module's notice for every administrator (the notifications module's own contract). */
	@ApplicationModuleListener(id = "dev.orderly.notifications.application.NotificationListeners.on(dev.orderly.notifications.events.AdministratorNoticeRequested)")
	void on(AdministratorNoticeRequested event) {
		intake.accept(event);
	}
}
