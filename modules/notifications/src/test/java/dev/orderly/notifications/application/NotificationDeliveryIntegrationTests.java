package dev.orderly.notifications.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.notifications.TestSmtp;
import dev.orderly.notifications.WithNotificationsFixture;
import dev.orderly.orders.events.OrderCancelled;
import dev.orderly.orders.events.OrderConfirmed;
import dev.orderly.orders.events.OrderDelivered;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.platform.Retention;
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
@WithNotificationsFixture
class NotificationDeliveryIntegrationTests {

	static final Duration TIMEOUT = NotificationsFixture.TIMEOUT;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NotificationMetrics metrics;

	@Autowired
	NotificationsFixture fixture;

	final TestSmtp smtp = TestSmtp.SERVER;

	@Test
	void sendsTheEmailVerificationWithLinkAndTokenInBothParts(Scenario scenario) {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("verify");
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
		String email = NotificationsFixture.unique("reset");
		String token = "reset-" + UUID.randomUUID();
		fixture.publish(new PasswordResetRequested(userId, email, "Grace", token, Instant.now().plusSeconds(1800)));
		TestSmtp.Email sent = fixture.awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Reset your password");
		assertThat(sent.text()).contains(token, "https://shop.example.test/reset-password?token=" + token);
		assertThat(sent.html()).contains(token, "https://shop.example.test/reset-password?token=" + token);
		assertThat(sent.html()).doesNotContain("&#x3D;");
	}

	@Test
	void sendsASecurityNoticeWhenThePasswordChanged() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("changed");
		fixture.publish(new PasswordChanged(userId, email, "Linus", Instant.parse("2026-11-25T10:00:00Z")));
		TestSmtp.Email sent = fixture.awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Your password was changed");
		assertThat(sent.text()).contains("Hello Linus,", "2026-11-25T10:00:00Z", "https://shop.example.test/password-reset");
		assertThat(sent.html()).contains("2026-11-25T10:00:00Z");
	}

	@Test
	void tellsTheOwnerOfATakenAddressAboutARegistrationAttemptAtMostOncePerHour() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("taken");
		// one after the other, as attempts happen: the asynchronous listeners may take events published
		// together in any order, and which attempt is "within the hour" depends on the order
		for (String attemptedAt : List.of("2026-11-25T10:05:00Z", "2026-11-25T10:40:00Z", "2026-11-25T11:10:00Z")) {
			fixture.publish(new DuplicateRegistrationAttempted(userId, email, "Owner", "en", Instant.parse(attemptedAt)));
			fixture.awaitListenersDone(userId);
		}
		assertThat(fixture.kindsOf(userId)).containsExactly("DUPLICATE_REGISTRATION", "DUPLICATE_REGISTRATION");
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
		String email = NotificationsFixture.unique("welcome");
		fixture.publish(new UserRegistered(userId, email, "Barbara", "en", Instant.now()));
		TestSmtp.Email sent = fixture.awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Welcome to Orderly");
		assertThat(sent.text()).contains("Hello Barbara,");
		assertThat(sent.html()).contains("Hello Barbara,");
		assertThat(sent.messageId()).matches("<[0-9a-f-]{36}@orderly\\.local>");
	}

	@Test
	void sendsAnEmailAndCreatesAnInAppNotificationForEveryOrderEvent() {
		UUID userId = UUID.randomUUID();
		String email = fixture.registered(userId, "orders");
		UUID orderId = UUID.randomUUID();
		Instant now = Instant.now();
		fixture.publish(NotificationsFixture.threeTeas(orderId, userId));
		fixture.publish(new OrderConfirmed(orderId, userId, 1350, "EUR", now));
		fixture.publish(new OrderShipped(orderId, userId, "TRACK-42", now));
		fixture.publish(new OrderDelivered(orderId, userId, now));
		UUID cancelled = UUID.randomUUID();
		fixture.publish(new OrderCancelled(cancelled, userId, "Changed my mind", 999, "JPY", now));

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
		String email = NotificationsFixture.unique("rollback");
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			events.publishEvent(new PasswordResetRequested(userId, email, "Rolled", "never-" + UUID.randomUUID(),
					Instant.now().plusSeconds(60)));
			throw new IllegalStateException("business rule broken");
		})).isInstanceOf(IllegalStateException.class);

		// A later event for the same user goes through the same pipeline: once it is delivered, the
		// rolled-back one would have been too.
		fixture.publish(new PasswordChanged(userId, email, "Rolled", Instant.now()));
		TestSmtp.Email only = fixture.awaitOneEmail(email);
		assertThat(only.subject()).isEqualTo("Your password was changed");
		assertThat(fixture.kindsOf(userId)).containsExactly("PASSWORD_CHANGED");
	}

	@Test
	void deliversARedeliveredEventOnlyOnce() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("twice");
		PasswordResetRequested event = new PasswordResetRequested(userId, email, "Twice", "twice-" + UUID.randomUUID(),
				Instant.now().plusSeconds(600));
		fixture.publish(event);
		fixture.publish(event);
		fixture.awaitListenersDone(userId);
		fixture.awaitStatuses(userId, "SENT");
		assertThat(smtp.to(email)).hasSize(1);
		assertThat(fixture.kindsOf(userId)).containsExactly("PASSWORD_RESET");
	}

	@Test
	void erasesTheTokenOnceTheEmailIsSent() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("erase");
		String token = "secret-" + UUID.randomUUID();
		fixture.publish(new EmailVerificationRequested(userId, email, "Eve", token, Instant.now().plusSeconds(600)));
		fixture.awaitOneEmail(email);
		fixture.awaitStatuses(userId, "SENT");
		fixture.awaitListenersDone(userId);
		Map<String, Object> row = jdbc
			.sql("SELECT secret, params::text AS params, dedup_key, title, body FROM notifications.notifications WHERE user_id = :u")
			.param("u", userId)
			.query()
			.singleRow();
		assertThat(row.get("secret")).isNull();
		assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(token));
		assertThat(fixture.pendingPublicationsMentioning(token)).isZero();
	}

	@Test
	void retriesWhileSmtpIsDownAndDeliversExactlyOnceWhenItIsBack() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("outage");
		smtp.stop();
		fixture.publish(new PasswordChanged(userId, email, "Outage", Instant.now()));
		// attempts count claims, so the row may be caught mid-attempt (SENDING): wait for it to be
		// back to PENDING after at least two failed attempts — retried, not given up
		await().atMost(TIMEOUT)
			.until(() -> fixture.attemptsOf(userId) >= 2 && fixture.statusesOf(userId).equals(List.of("PENDING")));
		smtp.start();
		TestSmtp.Email sent = fixture.awaitOneEmail(email);
		assertThat(sent.subject()).isEqualTo("Your password was changed");
		fixture.awaitStatuses(userId, "SENT");
		assertThat(smtp.to(email)).hasSize(1);
		assertThat(metrics.registry().find("orderly.notifications.retried").counters())
			.anySatisfy(counter -> assertThat(counter.count()).isPositive());
	}

	@Test
	void resendsAnEmailWhoseSenderDiedMidSendWithTheSameMessageId() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("crash");
		fixture.publish(new PasswordChanged(userId, email, "Crash", Instant.now()));
		TestSmtp.Email first = fixture.awaitOneEmail(email);
		fixture.awaitStatuses(userId, "SENT");

		// The instance crashed after the SMTP server accepted the email but before it recorded SENT:
		// the row is left SENDING and its lease runs out.
		fixture.leaseRanOut(userId);

		// at-least-once: sent again, with the same Message-ID so that the receiver can drop the copy
		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 2);
		fixture.awaitStatuses(userId, "SENT");
		assertThat(smtp.to(email)).extracting(TestSmtp.Email::messageId).containsOnly(first.messageId());
		assertThat(first.messageId()).contains(fixture.emailIdOf(userId).toString());
		assertThat(smtp.to(email)).hasSize(2);
	}

	@Test
	void resendsAtOnceAnEmailWhoseClaimingInstanceStoppedBeatingNotAfterItsLease() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("dead-instance");
		fixture.publish(new PasswordChanged(userId, email, "Dead", Instant.now()));
		TestSmtp.Email first = fixture.awaitOneEmail(email);
		fixture.awaitStatuses(userId, "SENT");

		// claimed by an instance whose last heartbeat is older than the instance lease (10 s): it died
		// mid-send; its email's own lease has an hour to run, and does not matter
		fixture.claimedBy(userId, "orderly-dead-" + UUID.randomUUID(), Duration.ofSeconds(11));

		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 2);
		fixture.awaitStatuses(userId, "SENT");
		assertThat(smtp.to(email)).extracting(TestSmtp.Email::messageId).containsOnly(first.messageId());
	}

	@Test
	void leavesAnEmailClaimedByALiveInstanceToIt() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("live-instance");
		fixture.publish(new PasswordChanged(userId, email, "Live", Instant.now()));
		fixture.awaitOneEmail(email);
		fixture.awaitStatuses(userId, "SENT");

		// another instance, beating, is sending it: never taken from under it before its lease ends
		fixture.claimedBy(userId, "orderly-live-" + UUID.randomUUID(), Duration.ZERO);

		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
		assertThat(fixture.statusesOf(userId)).containsExactly("SENDING");
		assertThat(smtp.to(email)).hasSize(1);
		fixture.leaseRanOut(userId); // what the live instance would have finished; leaves nothing claimed behind
		fixture.awaitStatuses(userId, "SENT");
	}

	@Test
	void sendsAnEmailThatWasClaimedButNeverAttemptedBeforeACrash() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("claimed");
		smtp.stop();
		fixture.publish(new PasswordChanged(userId, email, "Claimed", Instant.now()));
		await().atMost(TIMEOUT).until(() -> fixture.attemptsOf(userId) >= 1 && fixture.statusesOf(userId).equals(List.of("PENDING")));
		// a claim left behind by a dead instance (as the previous version left a whole batch)
		fixture.leaseRanOut(userId);
		smtp.start();
		fixture.awaitOneEmail(email);
		fixture.awaitStatuses(userId, "SENT");
		assertThat(smtp.to(email)).hasSize(1);
	}

	@Test
	void waitsForAnUnknownRecipientAndThenDelivers() {
		UUID userId = UUID.randomUUID();
		UUID orderId = UUID.randomUUID();
		fixture.publish(new OrderShipped(orderId, userId, "TRACK-LATE", Instant.now()));
		await().atMost(TIMEOUT).until(() -> fixture.kindsOf(userId).size() == 2);
		assertThat(fixture.statusesOf(userId)).containsExactlyInAnyOrder("AWAITING_RECIPIENT", "DELIVERED");

		String email = NotificationsFixture.unique("late");
		fixture.publish(new UserRegistered(userId, email, "Late", "en", Instant.now()));
		await().atMost(TIMEOUT).until(() -> smtp.to(email).size() == 2);
		assertThat(smtp.to(email)).extracting(TestSmtp.Email::subject)
			.containsExactlyInAnyOrder("Welcome to Orderly", "Your order " + orderId + " has shipped");
	}

	@Test
	void sendsNoEmailToADeletedRecipient() {
		UUID userId = UUID.randomUUID();
		String email = fixture.registered(userId, "deleted");
		fixture.publish(new UserDeleted(userId, Instant.now()));
		await().atMost(TIMEOUT)
			.until(() -> jdbc.sql("SELECT deleted FROM notifications.recipients WHERE user_id = :u")
				.param("u", userId)
				.query(Boolean.class)
				.single());

		fixture.publish(new PasswordResetRequested(userId, email, "Ada", "gone-" + UUID.randomUUID(), Instant.now().plusSeconds(60)));
		fixture.publish(new OrderShipped(UUID.randomUUID(), userId, "TRACK-GONE", Instant.now()));
		fixture.awaitListenersDone(userId);
		assertThat(fixture.kindsOf(userId)).containsExactly("WELCOME");
		assertThat(smtp.to(email)).hasSize(1);
	}

	@Test
	void skipsAPendingEmailWhenItsRecipientIsDeletedBeforeSending() {
		UUID userId = UUID.randomUUID();
		smtp.stop();
		String email = NotificationsFixture.unique("skip");
		fixture.publish(new UserRegistered(userId, email, "Skip", "en", Instant.now()));
		await().atMost(TIMEOUT).until(() -> fixture.attemptsOf(userId) >= 1);
		fixture.publish(new UserDeleted(userId, Instant.now()));
		fixture.awaitStatuses(userId, "SKIPPED");
		smtp.start();
		fixture.publish(new OrderDelivered(UUID.randomUUID(), userId, Instant.now()));
		fixture.awaitListenersDone(userId);
		assertThat(fixture.statusesOf(userId)).containsExactly("SKIPPED");
		assertThat(smtp.to(email)).isEmpty();
	}

	/**
	 * Retention: emails sent (or skipped) 30 days ago and in-app notices read 90 days ago go, in
	 * batches; failed emails and unread notices stay.
	 */
	@Test
	void retentionDeletesDeliveredEmailsAndReadNoticesAndKeepsFailedOnes() {
		UUID userId = UUID.randomUUID();
		UUID sentLongAgo = row(userId, "EMAIL", "SENT", "now() - interval '31 days'", null);
		UUID skippedLongAgo = row(userId, "EMAIL", "SKIPPED", "now() - interval '31 days'", null);
		UUID sentRecently = row(userId, "EMAIL", "SENT", "now() - interval '1 day'", null);
		UUID failedLongAgo = row(userId, "EMAIL", "FAILED", "now() - interval '200 days'", null);
		UUID readLongAgo = row(userId, "IN_APP", "DELIVERED", "now() - interval '100 days'", "now() - interval '91 days'");
		UUID unread = row(userId, "IN_APP", "DELIVERED", "now() - interval '100 days'", null);

		int deleted = Retention.purge("notifications.notifications", 2,
				batch -> notifications.deleteSettled(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365), batch));

		assertThat(deleted).isGreaterThanOrEqualTo(3);
		assertThat(jdbc.sql("SELECT id FROM notifications.notifications WHERE user_id = :u").param("u", userId)
			.query(UUID.class).list()).containsExactlyInAnyOrder(sentRecently, failedLongAgo, unread)
			.doesNotContain(sentLongAgo, skippedLongAgo, readLongAgo);
	}

	@Autowired
	Notifications notifications;

	UUID row(UUID userId, String channel, String status, String updatedAt, String readAt) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO notifications.notifications (id, user_id, channel, kind, status, dedup_key, params, attempts,
				                                         event_at, read_at, created_at, updated_at)
				VALUES (:id, :user, :channel, 'ORDER_PLACED', :status, :dedup, '{}'::jsonb, 0, %s, %s, %s, %s)"""
			.formatted(updatedAt, readAt == null ? "NULL" : readAt, updatedAt, updatedAt))
			.param("id", id).param("user", userId).param("channel", channel).param("status", status)
			.param("dedup", "retention-" + id).update();
		return id;
	}
}
