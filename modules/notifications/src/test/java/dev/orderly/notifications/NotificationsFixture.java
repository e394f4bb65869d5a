package dev.orderly.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.TemplateModel;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the tests of notifications share: events as the other modules publish them (each in a
 * committed transaction of its own), and the expectations they wait for — rows of the
 * notifications table by user, emails at the test SMTP server. Import it with the test's
 * configuration and autowire it.
 */
@TestComponent
public class NotificationsFixture {

	public static final Duration TIMEOUT = Duration.ofSeconds(15);

	public final TestSmtp smtp = TestSmtp.SERVER;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	NotificationsFixture(ApplicationEventPublisher events, TransactionTemplate transactions, JdbcClient jdbc) {
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	/** A fresh address, so that tests sharing the SMTP server never see each other's mail. */
	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
	}

	// events

	/** Publishes an event in a transaction of its own that commits, as its module would. */
	public void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	/** Registers {@code userId} as "Ada" at a fresh address and waits for the welcome email. */
	public String registered(UUID userId, String prefix) {
		String email = unique(prefix);
		publish(new UserRegistered(userId, email, "Ada", "en", Instant.now()));
		awaitOneEmail(email);
		return email;
	}

	public static PasswordChanged passwordChanged(UUID userId, String email, String displayName) {
		return new PasswordChanged(userId, email, displayName, Instant.now());
	}

	public static PasswordResetRequested passwordResetRequested(UUID userId, String email, String displayName,
			String token) {
		return new PasswordResetRequested(userId, email, displayName, token, Instant.now().plusSeconds(600));
	}

	/** Three teas at 4.50 EUR: 13.50 EUR. */
	public static OrderPlaced threeTeas(UUID orderId, UUID userId) {
		return new OrderPlaced(orderId, userId, List.of(new OrderLine("SKU-1", "Tea", 3, 450, 1350)), 1350, 0, 1350,
				"EUR", Instant.now());
	}

	/** An example model of each kind, every text naming its component: {@code [trackingNumber]}. */
	public static TemplateModel exampleOf(NotificationKind kind) {
		UUID orderId = UUID.fromString("0190c3a4-0000-7000-8000-000000000001");
		Instant at = Instant.parse("2026-11-25T10:00:00Z");
		return switch (kind) {
			case WELCOME -> new TemplateModel.WelcomeEmail("[displayName]");
			case DUPLICATE_REGISTRATION -> new TemplateModel.DuplicateRegistrationEmail("[displayName]", at);
			case EMAIL_VERIFICATION -> new TemplateModel.EmailVerificationEmail("[displayName]", at);
			case PASSWORD_CHANGED -> new TemplateModel.PasswordChangedEmail("[displayName]", at);
			case PASSWORD_RESET -> new TemplateModel.PasswordResetEmail("[displayName]", at);
			case ORDER_PLACED -> new TemplateModel.OrderPlacedModel(orderId, "[total]", 3, "[link]");
			case ORDER_CONFIRMED -> new TemplateModel.OrderConfirmedModel(orderId, "[total]", "[link]");
			case ORDER_SHIPPED -> new TemplateModel.OrderShippedModel(orderId, "[trackingNumber]", "[link]");
			case ORDER_DELIVERED -> new TemplateModel.OrderDeliveredModel(orderId, "[link]");
			case ORDER_CANCELLED -> new TemplateModel.OrderCancelledModel(orderId, "[reason]", "[total]", "[link]");
			case ADMINISTRATOR_NOTICE -> new TemplateModel.AdministratorNoticeModel("[title]", "[message]", "WARNING",
					"webhooks", "[link]");
		};
	}

	// expectations

	/** Waits for the one email to {@code email} and returns it; fails if there are more. */
	public TestSmtp.Email awaitOneEmail(String email) {
		await().atMost(TIMEOUT).until(() -> !smtp.to(email).isEmpty());
		List<TestSmtp.Email> emails = smtp.to(email);
		assertThat(emails).hasSize(1);
		return emails.get(0);
	}

	/** Waits until the user's rows have exactly these statuses, oldest first. */
	public void awaitStatuses(UUID userId, String... statuses) {
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of(statuses)));
	}

	/** Waits until no publication of an event mentioning the user is incomplete: every listener ran. */
	public void awaitListenersDone(UUID userId) {
		await().atMost(TIMEOUT).until(() -> pendingPublicationsMentioning(userId) == 0);
	}

	public void awaitInApp(UUID userId, int count) {
		await().atMost(TIMEOUT).until(() -> inAppIds(userId).size() >= count);
	}

	/** Kinds of the user's notifications, oldest first. */
	public List<String> kindsOf(UUID userId) {
		return jdbc.sql("SELECT kind FROM notifications.notifications WHERE user_id = :u ORDER BY created_at")
			.param("u", userId)
			.query(String.class)
			.list();
	}

	/** Statuses of the user's notifications, oldest first. */
	public List<String> statusesOf(UUID userId) {
		return jdbc.sql("SELECT status FROM notifications.notifications WHERE user_id = :u ORDER BY created_at")
			.param("u", userId)
			.query(String.class)
			.list();
	}

	/** The user's in-app notifications, newest first, as the API lists them. */
	public List<UUID> inAppIds(UUID userId) {
		return jdbc.sql("""
				SELECT id FROM notifications.notifications WHERE user_id = :u AND channel = 'IN_APP'
				ORDER BY created_at DESC, id DESC""").param("u", userId).query(UUID.class).list();
	}

	/** The id of the user's one email. */
	public UUID emailIdOf(UUID userId) {
		return jdbc.sql("SELECT id FROM notifications.notifications WHERE user_id = :u AND channel = 'EMAIL'")
			.param("u", userId)
			.query(UUID.class)
			.single();
	}

	/** The status of the user's one email, {@code null} while there is none. */
	public String emailStatusOf(UUID userId) {
		return jdbc.sql("SELECT status FROM notifications.notifications WHERE user_id = :u AND channel = 'EMAIL'")
			.param("u", userId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	public int attemptsOf(UUID userId) {
		return jdbc.sql("SELECT COALESCE(max(attempts), 0) FROM notifications.notifications WHERE user_id = :u")
			.param("u", userId)
			.query(Integer.class)
			.single();
	}

	/** Incomplete event publications whose event mentions {@code text} (a user id, a token). */
	public long pendingPublicationsMentioning(Object text) {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :t")
			.param("t", "%" + text + "%")
			.query(Long.class)
			.single();
	}

	/**
	 * Leaves the user's rows {@code SENDING}, claimed by {@code instance} with a lease of an hour still
	 * to run, and gives that instance a heartbeat {@code heartbeatAge} old.
	 */
	public void claimedBy(UUID userId, String instance, Duration heartbeatAge) {
		jdbc.sql("""
				INSERT INTO orderly_instances (id, started_at, heartbeat_at)
				VALUES (:id, now() - interval '1 hour', clock_timestamp() - make_interval(secs => :age))
				ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at""")
			.param("id", instance)
			.param("age", heartbeatAge.toMillis() / 1000.0)
			.update();
		jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'SENDING', sent_at = NULL, lease_until = now() + interval '1 hour', claimed_by = :instance
				WHERE user_id = :u""").param("u", userId).param("instance", instance).update();
	}

	/** Leaves the user's rows {@code SENDING} with a lease that ran out, as an instance that died mid-send does. */
	public void leaseRanOut(UUID userId) {
		jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'SENDING', sent_at = NULL, lease_until = now() - interval '1 second'
				WHERE user_id = :u""").param("u", userId).update();
	}
}
