package dev.orderly.notifications.application;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.notifications.domain.AdministratorNotice;
import dev.orderly.notifications.domain.Notice;
import dev.orderly.notifications.domain.RecipientUpdate;
import dev.orderly.notifications.domain.TemplateModel.DuplicateRegistrationEmail;
import dev.orderly.notifications.domain.TemplateModel.EmailVerificationEmail;
import dev.orderly.notifications.domain.TemplateModel.OrderCancelledModel;
import dev.orderly.notifications.domain.TemplateModel.OrderConfirmedModel;
import dev.orderly.notifications.domain.TemplateModel.OrderDeliveredModel;
import dev.orderly.notifications.domain.TemplateModel.OrderPlacedModel;
import dev.orderly.notifications.domain.TemplateModel.OrderShippedModel;
import dev.orderly.notifications.domain.TemplateModel.PasswordChangedEmail;
import dev.orderly.notifications.domain.TemplateModel.PasswordResetEmail;
import dev.orderly.notifications.domain.TemplateModel.WelcomeEmail;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
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
 * What each consumed event means to notifications, one entry per event type: what it tells the
 * recipients projection, and which notification it records — its model (and so its kind and
 * templates), channels, recipient, dedup source and time. {@link NotificationIntake} applies an
 * entry; nothing else decides what an event means.
 * <p>
 * Dedup sources: an email per account and token (only the token's SHA-256 hash), per account and
 * hour for registration attempts (so repeated attempts cannot flood a mailbox), per order and kind
 * for orders. Order events carry only a user id: their email is addressed when it is sent.
 */
@Component
class NotificationRules {

	private final Map<Class<?>, Rule<?>> rules = new LinkedHashMap<>();

	NotificationRules(NotificationLinks links) {
		add(on(UserRegistered.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).displayName(e.displayName())
				.locale(e.locale()).asOf(e.registeredAt()))
			.notice(e -> Notice.email(new WelcomeEmail(e.displayName()))
				.to(e.userId(), e.email()).dedupBy(e.userId()).at(e.registeredAt())));
		add(on(DuplicateRegistrationAttempted.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).displayName(e.displayName())
				.locale(e.locale()).undated())
			.notice(e -> Notice.email(new DuplicateRegistrationEmail(e.displayName(), e.attemptedAt()))
				.to(e.userId(), e.email()).dedupBy(e.userId(), e.attemptedAt().truncatedTo(ChronoUnit.HOURS))
				.at(e.attemptedAt())));
		add(on(EmailVerificationRequested.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).displayName(e.displayName()).undated())
			.notice(e -> Notice.email(new EmailVerificationEmail(e.displayName(), e.expiresAt()))
				.to(e.userId(), e.email()).withToken(e.token()).dedupBy(e.userId(), hash(e.token())).atReceipt()));
		add(on(UserEmailVerified.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).asOf(e.verifiedAt())));
		add(on(UserProfileUpdated.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).displayName(e.displayName())
				.locale(e.locale()).asOf(e.updatedAt())));
		add(on(UserDeleted.class)
			.recipient(e -> RecipientUpdate.deleted(e.userId(), e.deletedAt())));
		add(on(PasswordChanged.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).displayName(e.displayName())
				.asOf(e.changedAt()))
			.notice(e -> Notice.email(new PasswordChangedEmail(e.displayName(), e.changedAt()))
				.to(e.userId(), e.email()).dedupBy(e.userId(), e.changedAt()).at(e.changedAt())));
		add(on(PasswordResetRequested.class)
			.recipient(e -> RecipientUpdate.of(e.userId()).email(e.email()).displayName(e.displayName()).undated())
			.notice(e -> Notice.email(new PasswordResetEmail(e.displayName(), e.expiresAt()))
				.to(e.userId(), e.email()).withToken(e.token()).dedupBy(e.userId(), hash(e.token())).atReceipt()));
		add(on(OrderPlaced.class)
			.notice(e -> Notice.emailAndInApp(new OrderPlacedModel(e.orderId(), money(e.total(), e.currency()),
					e.lines().stream().mapToInt(line -> line.quantity()).sum(), links.order(e.orderId())))
				.to(e.userId()).dedupBy(e.orderId()).at(e.placedAt())));
		add(on(OrderConfirmed.class)
			.notice(e -> Notice.emailAndInApp(new OrderConfirmedModel(e.orderId(), money(e.total(), e.currency()),
					links.order(e.orderId())))
				.to(e.userId()).dedupBy(e.orderId()).at(e.confirmedAt())));
		add(on(OrderShipped.class)
			.notice(e -> Notice.emailAndInApp(new OrderShippedModel(e.orderId(), e.trackingNumber(),
					links.order(e.orderId())))
				.to(e.userId()).dedupBy(e.orderId()).at(e.shippedAt())));
		add(on(OrderDelivered.class)
			.notice(e -> Notice.emailAndInApp(new OrderDeliveredModel(e.orderId(), links.order(e.orderId())))
				.to(e.userId()).dedupBy(e.orderId()).at(e.deliveredAt())));
		add(on(OrderCancelled.class)
			.notice(e -> Notice.emailAndInApp(new OrderCancelledModel(e.orderId(), e.reason(),
					money(e.total(), e.currency()), links.order(e.orderId())))
				.to(e.userId()).dedupBy(e.orderId()).at(e.cancelledAt())));
		add(on(AdministratorNoticeRequested.class)
			.forAdministrators(e -> AdministratorNotice.of(e.noticeId(), e.title(), e.message(), e.severity(),
					e.source(), e.link(), e.requestedAt())));
	}

	/** The event types with an entry, in the order of the table. */
	List<Class<?>> eventTypes() {
		return List.copyOf(rules.keySet());
	}

	/** What {@code event} means, or empty if notifications does not consume it. */
	Optional<Meaning> meaningOf(Object event) {
		return Optional.ofNullable(rules.get(event.getClass())).map(rule -> rule.meaningOf(event));
	}

	/**
	 * What an event means: an update of the recipients projection, a notice to a user, and a notice
	 * for every administrator, each optional.
	 */
	record Meaning(Optional<RecipientUpdate> recipient, Optional<Notice> notice,
			Optional<AdministratorNotice> administrators) {

		Meaning(Optional<RecipientUpdate> recipient, Optional<Notice> notice) {
			this(recipient, notice, Optional.empty());
		}
	}

	/** One entry of the table: for events of {@code type}, what they tell about the recipient and whom to notify of what. */
	record Rule<E>(Class<E> type, Function<E, RecipientUpdate> recipient, Function<E, Notice> notice,
			Function<E, AdministratorNotice> administrators) {

		Rule<E> recipient(Function<E, RecipientUpdate> update) {
			return new Rule<>(type, update, notice, administrators);
		}

		Rule<E> notice(Function<E, Notice> what) {
			return new Rule<>(type, recipient, what, administrators);
		}

		/** A notice for every administrator (whoever they are: notifications does not know). */
		Rule<E> forAdministrators(Function<E, AdministratorNotice> what) {
			return new Rule<>(type, recipient, notice, what);
		}

		Meaning meaningOf(Object event) {
			E typed = type.cast(event);
			return new Meaning(Optional.ofNullable(recipient).map(update -> update.apply(typed)),
					Optional.ofNullable(notice).map(what -> what.apply(typed)),
					Optional.ofNullable(administrators).map(what -> what.apply(typed)));
		}
	}

	private static <E> Rule<E> on(Class<E> type) {
		return new Rule<>(type, null, null, null);
	}

	private void add(Rule<?> rule) {
		if (rules.putIfAbsent(rule.type(), rule) != null) {
			throw new IllegalStateException("Two entries for " + rule.type().getSimpleName());
		}
	}

	/** Integer minor units as a decimal amount with its currency, e.g. {@code 12.50 EUR}. */
	static String money(long minorUnits, String currency) {
		int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency;
	}

	/** A token enters a dedup key only as its SHA-256 hash. */
	private static String hash(String token) {
		return Digests.sha256Hex(token);
	}
}
