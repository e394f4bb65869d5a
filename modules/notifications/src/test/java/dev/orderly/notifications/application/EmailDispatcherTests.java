package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.NotificationStatus;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.platform.RequestOrigin;
import dev.orderly.platform.TraceParents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How the dispatcher reads the outcome of an SMTP exchange, what a database failure does to a run,
 * and how several senders share one.
 */
class EmailDispatcherTests {

	final Notifications notifications = mock(Notifications.class);

	final NotificationTemplates templates = mock(NotificationTemplates.class);

	final JavaMailSender mail = mock(JavaMailSender.class);

	final NotificationProperties properties = new NotificationProperties("https://shop.example.test",
			"Orderly <no-reply@orderly.local>", "orderly.local", new NotificationProperties.Dispatch(Duration.ofSeconds(1),
					Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(10), 5, Duration.ofHours(1), 1));

	final EmailDispatcher dispatcher = new EmailDispatcher(notifications, templates,
			new NotificationLinks(properties), mail, new StaticListableBeanFactory().getBeanProvider(DevelopmentMailbox.class),
			new NotificationMetrics(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class)),
			properties, Clock.systemUTC());

	final Notification email = new Notification(UUID.randomUUID(), UUID.randomUUID(), Notification.Channel.EMAIL,
			NotificationKind.PASSWORD_CHANGED, NotificationStatus.SENDING, "ada@example.test", Map.of(), null, null, null,
			1, Instant.now(), Instant.now().plusSeconds(30), null, Instant.now(), null, null, Instant.now(), Instant.now(),
			RequestOrigin.NONE);

	@BeforeEach
	void setUp() {
		when(mail.createMimeMessage()).thenAnswer(invocation -> new MimeMessage(Session.getInstance(new Properties())));
		when(templates.email(any(), any())).thenReturn(new NotificationTemplates.RenderedEmail("Subject", "text", "<p>html</p>"));
		when(notifications.claimNext(any())).thenReturn(claimed(email), Optional.empty());
		when(notifications.markSent(eq(email.id()), any())).thenReturn(true);
	}

	@Test
	void countsAnEmailAsSentWhenOnlyClosingTheConnectionFailedAfterTheServerAcceptedIt() {
		doThrow(new MailSendException("Failed to close server connection after message sending",
				new MessagingException("421 closing"))).when(mail).send(any(MimeMessage.class));

		assertThat(dispatcher.dispatchDue()).isEqualTo(1);

		verify(notifications).markSent(eq(email.id()), any());
		verify(notifications, never()).scheduleRetry(any(), anyString(), any());
	}

	@Test
	void sendsAndLogsEachEmailInTheTraceAndRequestThatCausedIt() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		Notification caused = new Notification(UUID.randomUUID(), UUID.randomUUID(), Notification.Channel.EMAIL,
				NotificationKind.PASSWORD_CHANGED, NotificationStatus.SENDING, "ada@example.test", Map.of(), null, null, null,
				1, Instant.now(), Instant.now().plusSeconds(30), null, Instant.now(), null, null, Instant.now(),
				Instant.now(), new RequestOrigin(traceparent, "req-42"));
		when(notifications.claimNext(any())).thenReturn(claimed(caused), Optional.empty());
		when(notifications.markSent(eq(caused.id()), any())).thenAnswer(invocation -> {
			// recording the outcome, right before the email.sent line: still in the request's context
			assertThat(TraceParents.current()).isEqualTo(traceparent);
			assertThat(MDC.get("requestId")).isEqualTo("req-42");
			return true;
		});
		List<String> seen = new ArrayList<>();
		doAnswer(invocation -> {
			seen.add(TraceParents.current() + " " + MDC.get("requestId") + " " + MDC.get("module"));
			return null;
		}).when(mail).send(any(MimeMessage.class));

		assertThat(dispatcher.dispatchDue()).isEqualTo(1);

		assertThat(seen).containsExactly(traceparent + " req-42 notifications");
		assertThat(TraceParents.current()).as("the dispatcher's thread after the delivery").isNull();
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void retriesAnEmailThatTheServerDidNotAccept() {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		doThrow(new MailSendException("Mail server connection failed", new MessagingException("refused"),
				Map.of(message, new MessagingException("refused")))).when(mail).send(any(MimeMessage.class));

		dispatcher.dispatchDue();

		verify(notifications).scheduleRetry(eq(email.id()), anyString(), any());
		verify(notifications, never()).markSent(any(), any());
	}

	@Test
	void endsTheRunWithoutThrowingWhenTheDatabaseFailsAfterTheSend() {
		when(notifications.markSent(eq(email.id()), any())).thenThrow(new DataAccessResourceFailureException("connection refused"));

		assertThat(dispatcher.dispatchDue()).isZero();

		// nothing else was claimed: the one claimed email waits for its lease, then is sent again
		verify(notifications, times(1)).claimNext(any());
		verify(mail, times(1)).send(any(MimeMessage.class));
	}

	@Test
	void sendsWithSeveralSendersEachDueEmailExactlyOnceAndStopsWhenNoneIsDue() throws Exception {
		EmailDispatcher senders = withSenders(4);
		Queue<Notification> due = new ConcurrentLinkedQueue<>();
		for (int i = 0; i < 50; i++) {
			due.add(new Notification(UUID.randomUUID(), UUID.randomUUID(), Notification.Channel.EMAIL,
					NotificationKind.PASSWORD_CHANGED, NotificationStatus.SENDING, "user" + i + "@example.test", Map.of(), null,
					null, null, 1, Instant.now(), Instant.now().plusSeconds(30), null, Instant.now(), null, null, Instant.now(),
					Instant.now(), RequestOrigin.NONE));
		}
		when(notifications.claimNext(any())).thenAnswer(invocation -> Optional.ofNullable(due.poll())
			.map(next -> new Notifications.Claimed(next, Optional.empty())));
		when(notifications.markSent(any(), any())).thenReturn(true);
		Set<String> threads = ConcurrentHashMap.newKeySet();
		List<String> sentTo = Collections.synchronizedList(new ArrayList<>());
		doAnswer(invocation -> {
			threads.add(Thread.currentThread().getName());
			sentTo.add(((MimeMessage) invocation.getArgument(0)).getAllRecipients()[0].toString());
			Thread.sleep(2); // an SMTP exchange takes a while: the senders overlap
			return null;
		}).when(mail).send(any(MimeMessage.class));

		assertThat(senders.dispatchDue()).isEqualTo(50);

		assertThat(sentTo).hasSize(50).doesNotHaveDuplicates();
		assertThat(threads).as("the first email on the scheduler's thread, the rest by the senders")
			.anyMatch(name -> name.startsWith("email-sender-"))
			.hasSizeGreaterThan(2);
		verify(notifications, times(50)).markSent(any(), any());
	}

	@Test
	void anIdleRunClaimsOnceWhateverTheNumberOfSenders() {
		when(notifications.claimNext(any())).thenReturn(Optional.empty());

		assertThat(withSenders(4).dispatchDue()).isZero();

		verify(notifications, times(1)).claimNext(any());
	}

	@Test
	void aDirectSendNeverWaitsForASenderAndGivesItBackOnce() {
		EmailDispatcher.DirectSend first = dispatcher.reserveSender().orElseThrow(); // 1 sender
		assertThat(dispatcher.reserveSender()).as("no sender free: the email is left PENDING for the poll").isEmpty();
		assertThat(dispatcher.inFlight()).containsExactly(first.emailId());

		first.release();
		first.release();

		assertThat(dispatcher.freeSenders()).isEqualTo(1);
		assertThat(dispatcher.inFlight()).isEmpty();
	}

	@Test
	void aRunNeverTakesBackTheEmailOfAReservedDirectSend() {
		List<Set<UUID>> leftAlone = new ArrayList<>();
		when(notifications.releaseStoppedSends(any(), eq(true))).thenAnswer(invocation -> {
			leftAlone.add(Set.copyOf(invocation.<Collection<UUID>>getArgument(0)));
			return 0;
		});
		EmailDispatcher dispatcher = withSenders(2);
		EmailDispatcher.DirectSend direct = dispatcher.reserveSender().orElseThrow();

		dispatcher.dispatchDue();

		// in flight from before its row exists until its send ends
		assertThat(leftAlone).singleElement().satisfies(ids -> assertThat(ids).contains(direct.emailId()));
		direct.release();
	}

	@Test
	void aDirectSendStartsAfterTheCommitAndNotAtAll() {
		when(notifications.markSent(any(), any())).thenReturn(true);
		Notification committed = new Notification(UUID.randomUUID(), UUID.randomUUID(), Notification.Channel.EMAIL,
				NotificationKind.PASSWORD_CHANGED, NotificationStatus.SENDING, "ada@example.test", Map.of(), null, null,
				null, 1, Instant.now(), Instant.now().plusSeconds(30), null, Instant.now(), null, null, Instant.now(),
				Instant.now(), RequestOrigin.NONE);
		EmailDispatcher.DirectSend sender = dispatcher.reserveSender().orElseThrow();
		TransactionSynchronizationManager.initSynchronization();
		try {
			sender.sendAfterCommit(new Notifications.Claimed(committed, Optional.empty()));
			verify(mail, never()).send(any(MimeMessage.class));
			TransactionSynchronizationManager.getSynchronizations()
				.forEach(it -> it.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.freeSenders() == 1);
		verify(mail).send(any(MimeMessage.class));
		verify(notifications).markSent(eq(committed.id()), any());
		assertThat(dispatcher.inFlight()).isEmpty();

		EmailDispatcher.DirectSend rolledBack = dispatcher.reserveSender().orElseThrow();
		TransactionSynchronizationManager.initSynchronization();
		try {
			rolledBack.sendAfterCommit(new Notifications.Claimed(email, Optional.empty()));
			TransactionSynchronizationManager.getSynchronizations()
				.forEach(it -> it.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(dispatcher.freeSenders()).isEqualTo(1);
		assertThat(dispatcher.inFlight()).isEmpty();
		verify(notifications).forgetClaim(rolledBack.emailId());
		verify(mail, times(1)).send(any(MimeMessage.class));
	}

	private static Optional<Notifications.Claimed> claimed(Notification email) {
		return Optional.of(new Notifications.Claimed(email, Optional.empty()));
	}

	private EmailDispatcher withSenders(int senders) {
		NotificationProperties.Dispatch dispatch = properties.dispatch();
		NotificationProperties settings = new NotificationProperties(properties.linkBaseUrl(), properties.from(),
				properties.messageIdDomain(), new NotificationProperties.Dispatch(dispatch.interval(), dispatch.lease(),
						dispatch.backoffBase(), dispatch.backoffMax(), dispatch.maxAttempts(), dispatch.recipientWait(), senders));
		return new EmailDispatcher(notifications, templates, new NotificationLinks(settings), mail,
				new StaticListableBeanFactory().getBeanProvider(DevelopmentMailbox.class),
				new NotificationMetrics(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class)), settings,
				Clock.systemUTC());
	}
}
