package dev.orderly.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderLine;
import dev.orderly.orders.events.OrderPlaced;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Events in, emails out: each event of users, auth and orders becomes exactly the expected email
 * (and, for orders, an in-app notification), over real PostgreSQL and a real SMTP server.
 */
@ApplicationModuleTest
@WithTestDatabase
@Import({ TestTokensConfiguration.class, TestSmtp.Configuration.class })
class NotificationDeliveryIntegrationTests {

	static final Duration TIMEOUT = Duration.ofSeconds(15);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NotificationMetrics metrics;

	final TestSmtp smtp = TestSmtp.SERVER;

	@AfterEach
	void smtpIsUpAgain() {
		smtp.start();
	}

	@Test
	void sendsTheEmailVerificationWithLinkAndTokenInBothParts(Scenario scenario) {
		UUID userId = UUID.randomUUID();
		String email = unique("verify");
		String token = "tok-" + UUID.randomUUID();
		scenario.publish(new EmailVerificationRequested(userId, email, "Ada <Lovelace>", token, Instant.now().plusSeconds(3600)))
			.andWaitForStateChange(() -> smtp.to(email), emails -> !emails.isEmpty())
			.andVerify(emails -> {
				assertThat(emails).hasSize(1);
				TestSmtp.Email sent = emails.get(0);
				assertThat(sent.subject()).isEqualTo("Confirm your email address");
				assertThat(sent.to()).isEqualTo(email);
				assertThat(sent.from()).contains("no-reply@orderly.local");
				assertThat(sent.text()).contains("Hello Ada <Lovelace>,", token,
						"https://shop.example.test/verify-email?userId=" + userId + "&token=" + token);
				assertThat(sent.html()).contains("Hello Ada &lt;Lovelace&gt;,", token,
						"https://shop.example.test/verify-email?userId=" + userId + "&amp;token=" + token)
					.doesNotContain("<Lovelace>");
			});
	}

	@Test
	void sendsThePasswordResetWithItsToken() {
		UUID userId = UUID.randomUUID();
		String email = unique("reset");
		String token = "reset-" + UUID.randomUUID();
		publish(new PasswordResetRequested(userId, email, "Grace", token, Instant.now().plusSeconds(1800)));
		TestSmtp.Email sent = awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Reset your password");
		assertThat(sent.text()).contains(token, "https://shop.example.test/reset-password?token=" + token);
		assertThat(sent.html()).contains(token, "https://shop.example.test/reset-password?token=" + token);
		assertThat(sent.html()).doesNotContain("&#x3D;");
	}

	@Test
	void sendsASecurityNoticeWhenThePasswordChanged() {
		UUID userId = UUID.randomUUID();
		String email = unique("changed");
		publish(new PasswordChanged(userId, email, "Linus", Instant.parse("2026-11-25T10:00:00Z")));
		TestSmtp.Email sent = awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Your password was changed");
		assertThat(sent.text()).contains("Hello Linus,", "2026-11-25T10:00:00Z", "https://shop.example.test/password-reset");
		assertThat(sent.html()).contains("2026-11-25T10:00:00Z");
	}

	@Test
	void tellsTheOwnerOfATakenAddressAboutARegistrationAttemptAtMostOncePerHour() {
		UUID userId = UUID.randomUUID();
		String email = unique("taken");
		publish(new DuplicateRegistrationAttempted(userId, email, "Owner", "en", Instant.parse("2026-11-25T10:05:00Z")));
		publish(new DuplicateRegistrationAttempted(userId, email, "Owner", "en", Instant.parse("2026-11-25T10:40:00Z")));
		publish(new DuplicateRegistrationAttempted(userId, email, "Owner", "en", Instant.parse("2026-11-25T11:10:00Z")));
		await().atMost(TIMEOUT).until(() -> jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :id")
			.param("id", "%" + userId + "%").query(Long.class).single() == 0);
		assertThat(kindsOf(userId)).containsExactly("DUPLICATE_REGISTRATION", "DUPLICATE_REGISTRATION");
		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 2);
		assertThat(smtp.to(email)).allSatisfy(sent -> {
			assertThat(sent.subject()).isEqualTo("Someone tried to register with your email address");
			assertThat(sent.text()).contains("Hello Owner,", "https://shop.example.test/password-reset");
			assertThat(sent.html()).contains("Hello Owner,", "https://shop.example.test/password-reset");
		}).anySatisfy(sent -> assertThat(sent.text()).contains("2026-11-25T10:05:00Z"));
	}

	@Test
	void welcomesANewUser() {
		UUID userId = UUID.randomUUID();
		String email = unique("welcome");
		publish(new UserRegistered(userId, email, "Barbara", "en", Instant.now()));
		TestSmtp.Email sent = awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Welcome to Orderly");
		assertThat(sent.text()).contains("Hello Barbara,");
		assertThat(sent.html()).contains("Hello Barbara,");
		assertThat(sent.messageId()).matches("<[0-9a-f-]{36}@orderly\\.local>");
	}

	@Test
	void sendsAnEmailAndCreatesAnInAppNotificationForEveryOrderEvent() {
		UUID userId = UUID.randomUUID();
		String email = registered(userId, "orders");
		UUID orderId = UUID.randomUUID();
		Instant now = Instant.now();
		publish(new OrderPlaced(orderId, userId, List.of(new OrderLine("SKU-1", "Tea", 3, 450, 1350)), 1350, 0, 1350,
				"EUR", now));
		publish(new OrderConfirmed(orderId, userId, 1350, "EUR", now));
		publish(new OrderShipped(orderId, userId, "TRACK-42", now));
		publish(new OrderDelivered(orderId, userId, now));
		UUID cancelled = UUID.randomUUID();
		publish(new OrderCancelled(cancelled, userId, "Changed my mind", 999, "JPY", now));

		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 6);
		List<TestSmtp.Email> emails = smtp.to(email)
			.stream()
			.filter(sent -> !sent.subject().equals("Welcome to Orderly"))
			.toList();
		assertThat(emails).extracting(TestSmtp.Email::subject)
			.containsExactlyInAnyOrder("We received your order " + orderId, "Your order " + orderId + " is confirmed",
					"Your order " + orderId + " has shipped", "Your order " + orderId + " was delivered",
					"Your order " + cancelled + " was cancelled");
		assertThat(emails).allSatisfy(sent -> {
			assertThat(sent.text()).contains("Hello Ada,", "https://shop.example.test/orders/");
			assertThat(sent.html()).contains("Hello Ada,", "https://shop.example.test/orders/");
		});
		assertThat(emails).filteredOn(sent -> sent.subject().contains("placed") || sent.subject().contains("received"))
			.singleElement()
			.satisfies(sent -> assertThat(sent.text()).contains("3 item(s)", "13.50 EUR"));
		assertThat(emails).filteredOn(sent -> sent.subject().contains("shipped"))
			.singleElement()
			.satisfies(sent -> assertThat(sent.html()).contains("TRACK-42"));
		assertThat(emails).filteredOn(sent -> sent.subject().contains("cancelled"))
			.singleElement()
			.satisfies(sent -> assertThat(sent.text()).contains("Reason: Changed my mind", "999 JPY"));

		List<Map<String, Object>> inApp = jdbc
			.sql("SELECT kind, status, title, body FROM notifications.notifications WHERE user_id = :u AND channel = 'IN_APP'")
			.param("u", userId)
			.query()
			.listOfRows();
		assertThat(inApp).extracting(row -> row.get("kind"))
			.containsExactlyInAnyOrder("ORDER_PLACED", "ORDER_CONFIRMED", "ORDER_SHIPPED", "ORDER_DELIVERED",
					"ORDER_CANCELLED");
		assertThat(inApp).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("DELIVERED"));
		assertThat(inApp).anySatisfy(row -> assertThat((String) row.get("body")).contains("TRACK-42"));
	}

	@Test
	void sendsNothingWhenTheBusinessTransactionRollsBack() {
		UUID userId = UUID.randomUUID();
		String email = unique("rollback");
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			events.publishEvent(new PasswordResetRequested(userId, email, "Rolled", "never-" + UUID.randomUUID(),
					Instant.now().plusSeconds(60)));
			throw new IllegalStateException("business rule broken");
		})).isInstanceOf(IllegalStateException.class);

		// A later event for the same user goes through the same pipeline: once it is delivered, the
		// rolled-back one would have been too.
		publish(new PasswordChanged(userId, email, "Rolled", Instant.now()));
		TestSmtp.Email only = awaitOneEmail(email);
		assertThat(only.subject()).isEqualTo("Your password was changed");
		assertThat(kindsOf(userId)).containsExactly("PASSWORD_CHANGED");
	}

	@Test
	void deliversARedeliveredEventOnlyOnce() {
		UUID userId = UUID.randomUUID();
		String email = unique("twice");
		PasswordResetRequested event = new PasswordResetRequested(userId, email, "Twice", "twice-" + UUID.randomUUID(),
				Instant.now().plusSeconds(600));
		publish(event);
		publish(event);
		await().atMost(TIMEOUT).until(() -> pendingPublicationsMentioning(userId) == 0 && statusesOf(userId).equals(List.of("SENT")));
		assertThat(smtp.to(email)).hasSize(1);
		assertThat(kindsOf(userId)).containsExactly("PASSWORD_RESET");
	}

	@Test
	void erasesTheTokenOnceTheEmailIsSent() {
		UUID userId = UUID.randomUUID();
		String email = unique("erase");
		String token = "secret-" + UUID.randomUUID();
		publish(new EmailVerificationRequested(userId, email, "Eve", token, Instant.now().plusSeconds(600)));
		awaitOneEmail(email);
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of("SENT")));
		await().atMost(TIMEOUT).until(() -> pendingPublicationsMentioning(userId) == 0);
		Map<String, Object> row = jdbc
			.sql("SELECT secret, params::text AS params, dedup_key, title, body FROM notifications.notifications WHERE user_id = :u")
			.param("u", userId)
			.query()
			.singleRow();
		assertThat(row.get("secret")).isNull();
		assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(token));
		assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :t")
			.param("t", "%" + token + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void retriesWhileSmtpIsDownAndDeliversExactlyOnceWhenItIsBack() {
		UUID userId = UUID.randomUUID();
		String email = unique("outage");
		smtp.stop();
		publish(new PasswordChanged(userId, email, "Outage", Instant.now()));
		// attempts count claims, so the row may be caught mid-attempt (SENDING): wait for it to be
		// back to PENDING after at least two failed attempts — retried, not given up
		await().atMost(TIMEOUT)
			.until(() -> attemptsOf(userId) >= 2 && statusesOf(userId).equals(List.of("PENDING")));
		smtp.start();
		TestSmtp.Email sent = awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Your password was changed");
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of("SENT")));
		assertThat(smtp.to(email)).hasSize(1);
		assertThat(metrics.registry().find("orderly.notifications.retried").counters())
			.anySatisfy(counter -> assertThat(counter.count()).isPositive());
	}

	@Test
	void resendsAnEmailWhoseSenderDiedMidSendWithTheSameMessageId() {
		UUID userId = UUID.randomUUID();
		String email = unique("crash");
		publish(new PasswordChanged(userId, email, "Crash", Instant.now()));
		TestSmtp.Email first = awaitOneEmail(email);
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of("SENT")));

		// The instance crashed after the SMTP server accepted the email but before it recorded SENT:
		// the row is left SENDING and its lease runs out.
		jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'SENDING', sent_at = NULL, lease_until = now() - interval '1 second'
				WHERE user_id = :u""").param("u", userId).update();

		// at-least-once: sent again, with the same Message-ID so that the receiver can drop the copy
		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 2);
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of("SENT")));
		assertThat(smtp.to(email)).extracting(TestSmtp.Email::messageId).containsOnly(first.messageId());
		assertThat(first.messageId()).contains(emailIdOf(userId).toString());
		assertThat(smtp.to(email)).hasSize(2);
	}

	@Test
	void sendsAnEmailThatWasClaimedButNeverAttemptedBeforeACrash() {
		UUID userId = UUID.randomUUID();
		String email = unique("claimed");
		smtp.stop();
		publish(new PasswordChanged(userId, email, "Claimed", Instant.now()));
		await().atMost(TIMEOUT).until(() -> attemptsOf(userId) >= 1 && statusesOf(userId).equals(List.of("PENDING")));
		// a claim left behind by a dead instance (as the previous version left a whole batch)
		jdbc.sql("""
				UPDATE notifications.notifications
				SET status = 'SENDING', lease_until = now() - interval '1 second'
				WHERE user_id = :u""").param("u", userId).update();
		smtp.start();
		awaitOneEmail(email);
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of("SENT")));
		assertThat(smtp.to(email)).hasSize(1);
	}

	@Test
	void waitsForAnUnknownRecipientAndThenDelivers() {
		UUID userId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();
		publish(new OrderShipped(orderId, userId, "TRACK-LATE", Instant.now()));
		await().atMost(TIMEOUT).until(() -> kindsOf(userId).size() == 2);
		assertThat(statusesOf(userId)).containsExactlyInAnyOrder("AWAITING_RECIPIENT", "DELIVERED");

		String email = unique("late");
		publish(new UserRegistered(userId, email, "Late", "en", Instant.now()));
		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 2);
		assertThat(smtp.to(email)).extracting(TestSmtp.Email::subject)
			.containsExactlyInAnyOrder("Welcome to Orderly", "Your order " + orderId + " has shipped");
	}

	@Test
	void sendsNoEmailToADeletedRecipient() {
		UUID userId = UUID.randomUUID();
		String email = registered(userId, "deleted");
		publish(new UserDeleted(userId, Instant.now()));
		await().atMost(TIMEOUT)
			.until(() -> jdbc.sql("SELECT deleted FROM notifications.recipients WHERE user_id = :u")
				.param("u", userId)
				.query(Boolean.class)
				.single());

		publish(new PasswordResetRequested(userId, email, "Ada", "gone-" + UUID.randomUUID(), Instant.now().plusSeconds(60)));
		publish(new OrderShipped(UUID.randomUUID(), userId, "TRACK-GONE", Instant.now()));
		await().atMost(TIMEOUT).until(() -> pendingPublicationsMentioning(userId) == 0);
		assertThat(kindsOf(userId)).containsExactly("WELCOME");
		assertThat(smtp.to(email)).hasSize(1);
	}

	@Test
	void skipsAPendingEmailWhenItsRecipientIsDeletedBeforeSending() {
		UUID userId = UUID.randomUUID();
		smtp.stop();
		String email = unique("skip");
		publish(new UserRegistered(userId, email, "Skip", "en", Instant.now()));
		await().atMost(TIMEOUT).until(() -> attemptsOf(userId) >= 1);
		publish(new UserDeleted(userId, Instant.now()));
		await().atMost(TIMEOUT).until(() -> statusesOf(userId).equals(List.of("SKIPPED")));
		smtp.start();
		publish(new OrderDelivered(UUID.randomUUID(), userId, Instant.now()));
		await().atMost(TIMEOUT).until(() -> pendingPublicationsMentioning(userId) == 0);
		assertThat(statusesOf(userId)).containsExactly("SKIPPED");
		assertThat(smtp.to(email)).isEmpty();
	}

	private String registered(UUID userId, String prefix) {
		String email = unique(prefix);
		publish(new UserRegistered(userId, email, "Ada", "en", Instant.now()));
		awaitOneEmail(email);
		return email;
	}

	private void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	private TestSmtp.Email awaitOneEmail(String email) {
		await().atMost(TIMEOUT).until(() -> !smtp.to(email).isEmpty());
		List<TestSmtp.Email> emails = smtp.to(email);
		assertThat(emails).hasSize(1);
		return emails.get(0);
	}

	private List<String> kindsOf(UUID userId) {
		return jdbc.sql("SELECT kind FROM notifications.notifications WHERE user_id = :u ORDER BY created_at")
			.param("u", userId)
			.query(String.class)
			.list();
	}

	private List<String> statusesOf(UUID userId) {
		return jdbc.sql("SELECT status FROM notifications.notifications WHERE user_id = :u ORDER BY created_at")
			.param("u", userId)
			.query(String.class)
			.list();
	}

	private UUID emailIdOf(UUID userId) {
		return jdbc.sql("SELECT id FROM notifications.notifications WHERE user_id = :u AND channel = 'EMAIL'")
			.param("u", userId)
			.query(UUID.class)
			.single();
	}

	private int attemptsOf(UUID userId) {
		return jdbc.sql("SELECT COALESCE(max(attempts), 0) FROM notifications.notifications WHERE user_id = :u")
			.param("u", userId)
			.query(Integer.class)
			.single();
	}

	private long pendingPublicationsMentioning(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :u")
			.param("u", "%" + userId + "%")
			.query(Long.class)
			.single();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
	}
}
