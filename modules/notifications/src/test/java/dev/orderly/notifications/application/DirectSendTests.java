package dev.orderly.notifications.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.TestSmtp;
import dev.orderly.notifications.WithNotificationsFixture;
import dev.orderly.notifications.domain.NewNotification;
import dev.orderly.notifications.domain.Notice;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.orders.events.OrderShipped;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.platform.events.ApplicationInstances;
import dev.orderly.users.events.UserDeleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The email of a notice that is due at once leaves right after the listener's commit (ADR 0043): it is
 * recorded already claimed in the listener's transaction when a sender of the instance is free, and
 * sent by that sender without waiting for the dispatcher's poll; otherwise the poll sends it as
 * before. Real PostgreSQL and SMTP; the dispatcher's poll runs once at start and then not for an
 * hour, so that an email that arrives was sent directly (or by a run a test starts itself).
 */
@ApplicationModuleTest
@WithNotificationsFixture
@TestPropertySource(properties = "orderly.notifications.dispatch.interval=1h")
class DirectSendTests {

	static final Duration TIMEOUT = NotificationsFixture.TIMEOUT;

	@Autowired
	NotificationsFixture fixture;

	@Autowired
	NotificationIntake intake;

	@Autowired
	EmailDispatcher dispatcher;

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationProperties properties;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationInstances instances;

	final TestSmtp smtp = TestSmtp.SERVER;

	/** Senders a test holds, given back after it. */
	final List<EmailDispatcher.DirectSend> held = new ArrayList<>();

	@AfterEach
	void giveSendersBack() {
		held.forEach(EmailDispatcher.DirectSend::release);
	}

	@Test
	void sendsAnEmailDueAtOnceRightAfterTheListenersCommitClaimedInItsTransaction() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("direct");
		fixture.publish(new PasswordChanged(userId, email, "Direct", Instant.now()));

		TestSmtp.Email sent = fixture.awaitOneEmail(email); // no poll runs: a direct send
		fixture.awaitStatuses(userId, "SENT");
		assertThat(sent.messageId()).contains(fixture.emailIdOf(userId).toString());
		// claimed as the dispatcher's claim leaves it: one attempt, by this instance, never PENDING
		Map<String, Object> row = jdbc.sql("""
				SELECT attempts, claimed_by, last_error, secret, EXTRACT(EPOCH FROM sent_at - created_at) AS waited
				FROM notifications.notifications WHERE user_id = :u AND channel = 'EMAIL'""")
			.param("u", userId)
			.query()
			.singleRow();
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("claimed_by")).isEqualTo(instances.current());
		assertThat(row.get("last_error")).isNull();
		assertThat(row.get("secret")).isNull();
		// sent right after the listener's commit, not at a poll (none runs here for an hour)
		assertThat(((Number) row.get("waited")).doubleValue()).isLessThan(5.0);
		await().atMost(TIMEOUT).until(() -> dispatcher.freeSenders() == properties.dispatch().senders());
		assertThat(dispatcher.inFlight()).doesNotContain(fixture.emailIdOf(userId));
	}

	@Test
	void recordsTheEmailPendingWhenNoSenderIsFreeAndThePollSendsIt() {
		holdEverySender();
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("busy");
		fixture.publish(new PasswordChanged(userId, email, "Busy", Instant.now()));
		fixture.awaitListenersDone(userId);
		// recorded PENDING, not claimed by this instance (another test context's poll may have claimed it since)
		Map<String, Object> row = jdbc.sql("""
				SELECT status, claimed_by FROM notifications.notifications WHERE user_id = :u AND channel = 'EMAIL'""")
			.param("u", userId)
			.query()
			.singleRow();
		assertThat(row.get("claimed_by")).isNotEqualTo(instances.current());
		if (row.get("claimed_by") == null) {
			assertThat(row.get("status")).isEqualTo("PENDING");
		}

		giveSendersBack();
		held.clear();
		dispatcher.dispatchDue(); // the poll
		fixture.awaitOneEmail(email);
		fixture.awaitStatuses(userId, "SENT");
	}

	@Test
	void sendsNothingAndGivesTheSenderBackWhenTheListenersTransactionRollsBack() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("rolled-back");
		transactions.executeWithoutResult(status -> {
			intake.accept(new PasswordChanged(userId, email, "Rolled", Instant.now()));
			assertThat(dispatcher.freeSenders()).isEqualTo(properties.dispatch().senders() - 1);
			assertThat(dispatcher.inFlight()).hasSize(1);
			status.setRollbackOnly();
		});

		assertThat(dispatcher.freeSenders()).isEqualTo(properties.dispatch().senders());
		assertThat(dispatcher.inFlight()).isEmpty();
		assertThat(fixture.statusesOf(userId)).isEmpty();
		dispatcher.dispatchDue();
		assertThat(smtp.to(email)).isEmpty();
	}

	@Test
	void aRunNeverTakesBackAnEmailWhileItsDirectSendIsInFlight() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("in-flight");
		EmailDispatcher.DirectSend sender = dispatcher.reserveSender().orElseThrow();
		held.add(sender);
		// recorded claimed and committed, its sender not yet started: as between the commit and the SMTP exchange
		Optional<Notifications.Claimed> claimed = transactions.execute(status -> notifications.recordAll(
				List.of(NewNotification.email(new Notice(NotificationsFixture.exampleOf(NotificationKind.PASSWORD_CHANGED),
						EnumSet.of(Notification.Channel.EMAIL), userId, email,
						null, "in-flight:" + userId, Instant.now()), Instant.now())),
				sender.emailId(), properties.dispatch().lease()));
		assertThat(claimed).isPresent();
		assertThat(claimed.get().notification().id()).isEqualTo(sender.emailId());
		assertThat(claimed.get().notification().attempts()).isEqualTo(1);

		dispatcher.dispatchDue(); // takes back this instance's SENDING rows that are not in flight
		assertThat(fixture.statusesOf(userId)).containsExactly("SENDING");
		assertThat(smtp.to(email)).isEmpty();

		// the sender stops without recording an outcome (as when its context closed): the next run resends it
		sender.release();
		dispatcher.dispatchDue();
		TestSmtp.Email sent = fixture.awaitOneEmail(email);
		assertThat(sent.messageId()).contains(sender.emailId().toString());
		fixture.awaitStatuses(userId, "SENT");
	}

	@Test
	void aDeletedRecipientGetsNothingAndNoSenderIsKept() {
		UUID userId = UUID.randomUUID();
		String email = fixture.registered(userId, "deleted-direct");
		fixture.publish(new UserDeleted(userId, Instant.now()));
		fixture.awaitListenersDone(userId);

		transactions.executeWithoutResult(status -> intake.accept(new OrderShipped(UUID.randomUUID(), userId,
				"TRACK-GONE", Instant.now())));
		fixture.publish(new PasswordChanged(userId, email, "Gone", Instant.now()));
		fixture.awaitListenersDone(userId);

		assertThat(fixture.kindsOf(userId)).containsExactly("WELCOME");
		assertThat(dispatcher.freeSenders()).isEqualTo(properties.dispatch().senders());
		assertThat(dispatcher.inFlight()).isEmpty();
		dispatcher.dispatchDue();
		assertThat(smtp.to(email)).hasSize(1);
	}

	private void holdEverySender() {
		await().atMost(TIMEOUT).until(() -> dispatcher.freeSenders() == properties.dispatch().senders());
		for (int i = 0; i < properties.dispatch().senders(); i++) {
			held.add(dispatcher.reserveSender().orElseThrow());
		}
		assertThat(dispatcher.reserveSender()).isEmpty();
	}
}
