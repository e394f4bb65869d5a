package dev.orderly.notifications;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.auth.events.PasswordResetRequested;
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
 * The one way an integration event enters notifications when it does not come from an in-process
 * listener (e.g. from a message broker): the event is handled synchronously, in the caller's
 * transaction, by exactly the code the in-process listeners run. A caller acknowledges its message
 * only after this returns and the transaction commits.
 */
@Component
class NotificationIntake {

	/** The event types notifications consumes, in the order a broker binding would list them. */
	static final List<Class<?>> EVENT_TYPES = List.of(UserRegistered.class, DuplicateRegistrationAttempted.class,
			EmailVerificationRequested.class, UserEmailVerified.class, UserProfileUpdated.class, UserDeleted.class,
			PasswordChanged.class, PasswordResetRequested.class, OrderPlaced.class, OrderConfirmed.class,
			OrderShipped.class, OrderDelivered.class, OrderCancelled.class);

	private final NotificationListeners listeners;

	NotificationIntake(NotificationListeners listeners) {
		this.listeners = listeners;
	}

	/**
	 * Handles one event. Idempotent like the listeners (dedup keys), so a redelivered event records
	 * nothing new.
	 * @return {@code false} when notifications does not consume this type of event
	 */
	@Transactional
	public boolean accept(Object event) {
		switch (event) {
			case UserRegistered e -> listeners.on(e);
			case DuplicateRegistrationAttempted e -> listeners.on(e);
			case EmailVerificationRequested e -> listeners.on(e);
			case UserEmailVerified e -> listeners.on(e);
			case UserProfileUpdated e -> listeners.on(e);
			case UserDeleted e -> listeners.on(e);
			case PasswordChanged e -> listeners.on(e);
			case PasswordResetRequested e -> listeners.on(e);
			case OrderPlaced e -> listeners.on(e);
			case OrderConfirmed e -> listeners.on(e);
			case OrderShipped e -> listeners.on(e);
			case OrderDelivered e -> listeners.on(e);
			case OrderCancelled e -> listeners.on(e);
			default -> {
				return false;
			}
		}
		return true;
	}
}
