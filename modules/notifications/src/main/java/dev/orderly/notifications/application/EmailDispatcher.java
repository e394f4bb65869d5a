package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailSendException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.domain.Backoff;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.Recipient;
import dev.orderly.notifications.domain.TemplateModel;
import dev.orderly.notifications.persistence.Notifications;

/**
 * Sends due emails, separately from the listeners that record them. One run:
 * <ol>
 * <li>emails left {@code SENDING} by a sender that stopped are due again: claimed by an instance
 * whose heartbeat lapsed (it died; the instance lease, 10 s, as for event publications), claimed by
 * this instance in a run that a database error ended, or past their lease (a sender hung past every
 * SMTP timeout). They are resent with the same {@code Message-ID} (at-least-once; a receiving system
 * can discard the duplicate);</li>
 * <li>emails waiting for a now known recipient become due; those that waited too long fail;</li>
 * <li>then, one email at a time per sender: the next due email is claimed ({@code FOR UPDATE SKIP
 * LOCKED}, so senders and instances never share one) — it becomes {@code SENDING} with a lease and
 * one more attempt, committed before the SMTP call — rendered from its row, sent, and marked
 * {@code SENT} with its token erased, or scheduled again with exponential backoff, or
 * {@code FAILED} after the last attempt.</li>
 * </ol>
 * Once the first email of a run is sent, {@code orderly.notifications.dispatch.senders} senders
 * (virtual threads; 1 by default: the run's own thread) drain the rest side by side, each over its
 * own SMTP connection: one email takes a few milliseconds of waiting (two commits, a connection,
 * the SMTP exchange), so one sender delivers about 300 emails/s on 2 cores, fewer than a flood of
 * orders places (ADR 0029). Each sender claims only the email it is sending, so a crash leaves at most
 * one email per sender uncertain (sent or not); it is resent once its instance's heartbeat lapsed. An error of the SMTP
 * server after it accepted the message (e.g. closing the connection after {@code 250} to
 * {@code DATA}) is not a failure: the email is sent. A database error ends the run (the next run
 * starts over); it never leaves other emails claimed. Every state change is a short statement of
 * its own; no transaction is open while talking SMTP.
 */
@Component
public class EmailDispatcher {

	private static final Logger LOG = LoggerFactory.getLogger(EmailDispatcher.class);

	/** Emails one run may send before the next run starts over (lease and recipient housekeeping first). */
	private static final int MAX_EMAILS_PER_RUN = 1000;

	/** How long one run may drain before the next run starts over. */
	private static final Duration MAX_RUN = Duration.ofSeconds(10);

	/** The senders of a run: virtual threads, named for thread dumps and logs. */
	private static final ThreadFactory SENDERS = Thread.ofVirtual().name("email-sender-", 1).factory();

	private final Notifications notifications;

	private final NotificationTemplates templates;

	private final NotificationLinks links;

	private final JavaMailSender mail;

	/** The development mailbox when it is on: it keeps each email for its user, not its address. */
	private final DevelopmentMailbox mailbox;

	private final NotificationMetrics metrics;

	private final NotificationProperties properties;

	private final Backoff backoff;

	private final Clock clock;

	/** How often a long run looks for emails of instances that died meanwhile. */
	private static final long TAKE_OVER_EVERY = Duration.ofSeconds(1).toNanos();

	/** When this instance last looked for emails to take over (System.nanoTime()). */
	private final java.util.concurrent.atomic.AtomicLong lastTakeOver = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

	/** The emails this instance's senders are sending now: never taken back from under them. */
	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	EmailDispatcher(Notifications notifications, NotificationTemplates templates,
			NotificationLinks links, JavaMailSender mail, ObjectProvider<DevelopmentMailbox> mailbox,
			NotificationMetrics metrics, NotificationProperties properties, Clock clock) {
		this.notifications = notifications;
		this.templates = templates;
		this.links = links;
		this.mail = mail;
		this.mailbox = mailbox.getIfAvailable();
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = new Backoff(properties.dispatch().backoffBase(), properties.dispatch().backoffMax());
		this.clock = clock;
	}

	/** One dispatcher run; returns how many emails were claimed. */
	public int dispatchDue() {
		AtomicInteger claimed = new AtomicInteger();
		try {
			int resent = notifications.releaseStoppedSends(inFlight, true);
			lastTakeOver.set(System.nanoTime());
			if (resent > 0) {
				LOG.warn("{} email(s) were left SENDING by a sender that stopped (its instance died, a run failed "
						+ "or it hung past its lease) and are resent with the same Message-ID", resent);
				for (int i = 0; i < resent; i++) {
					metrics.retried("lease-expired");
				}
			}
			notifications.releaseAwaitingWithKnownRecipient();
			int abandoned = notifications.failAwaitingLongerThan(properties.dispatch().recipientWait());
			for (int i = 0; i < abandoned; i++) {
				metrics.failed();
			}
			// Drain: claim and send one email after the other until none is due (or the cap is hit),
			// instead of waiting for the next tick between emails; the first one here, the rest by
			// the senders side by side, so that an idle tick costs one claim, not one per sender.
			long deadline = System.nanoTime() + MAX_RUN.toNanos();
			if (sendNext(claimed)) {
				drain(deadline, claimed);
			}
		}
		catch (DataAccessException ex) {
			// The database is unreachable: the email each sender claimed last (if any) stays SENDING
			// until the next run, which takes it back and sends it; nothing else is claimed.
			LOG.warn("Email dispatch stopped after {} email(s): database unavailable ({})", claimed.get(),
					ex.getClass().getSimpleName());
		}
		return claimed.get();
	}

	private void drain(long deadline, AtomicInteger claimed) {
		int senders = properties.dispatch().senders();
		if (senders == 1) {
			drainAlone(deadline, claimed);
			return;
		}
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		try (ExecutorService workers = Executors.newThreadPerTaskExecutor(SENDERS)) {
			for (int i = 0; i < senders; i++) {
				workers.execute(() -> {
					try {
						drainAlone(deadline, claimed);
					}
					catch (RuntimeException ex) { // a database error, or a bug: the run ends with it, as with one sender
						failure.compareAndSet(null, ex);
					}
				});
			}
		} // waits for every sender: each stops when nothing is due, at the cap, at the deadline or on a database error
		if (failure.get() != null) {
			throw failure.get();
		}
	}

	private void drainAlone(long deadline, AtomicInteger claimed) {
		while (claimed.get() < MAX_EMAILS_PER_RUN && System.nanoTime() < deadline) {
			if (!sendNext(claimed)) {
				return;
			}
		}
	}

	/**
	 * Claims and delivers the next due email; {@code false} when none is due. While a run drains a
	 * backlog (up to {@link #MAX_RUN}), one sender a second also takes over the emails of instances that
	 * died meanwhile, so that they need not wait for the next run.
	 */
	private boolean sendNext(AtomicInteger claimed) {
		long last = lastTakeOver.get();
		if (System.nanoTime() - last > TAKE_OVER_EVERY && lastTakeOver.compareAndSet(last, System.nanoTime())) {
			int resent = notifications.releaseStoppedSends(inFlight, false);
			if (resent > 0) {
				LOG.warn("{} email(s) were left SENDING by an instance that died and are resent with the same "
						+ "Message-ID", resent);
				for (int i = 0; i < resent; i++) {
					metrics.retried("lease-expired");
				}
			}
		}
		Optional<Notifications.Claimed> next = notifications.claimNext(properties.dispatch().lease());
		if (next.isEmpty()) {
			return false;
		}
		UUID id = next.get().notification().id();
		inFlight.add(id);
		try {
			deliver(next.get().notification(), next.get().recipient());
		}
		finally {
			inFlight.remove(id);
		}
		claimed.incrementAndGet();
		return true;
	}

	/** {@code recipient}: as the claim read it (ADR 0041: no statement of its own). */
	private void deliver(Notification notification, Optional<Recipient> recipient) {
		if (recipient.map(Recipient::deleted).orElse(false)) {
			notifications.markSkipped(notification.id(), "Recipient deleted");
			return;
		}
		String address = notification.email() != null ? notification.email()
				: recipient.map(Recipient::email).orElse(null);
		if (address == null) {
			notifications.awaitRecipient(notification.id());
			return;
		}
		try {
			MimeMessage message = message(notification, address, recipient);
			if (mailbox != null) {
				mailbox.sendFor(notification.userId(), message);
			}
			else {
				mail.send(message);
			}
		}
		catch (MailSendException ex) {
			if (!acceptedBeforeFailing(ex)) {
				failed(notification, ex);
				return;
			}
			LOG.info("Email {} was accepted by the SMTP server, which then failed: {}", notification.id(),
					ex.getMessage());
		}
		catch (MessagingException | RuntimeException ex) { // other MailExceptions, template errors
			failed(notification, ex);
			return;
		}
		Instant sentAt = clock.instant();
		if (notifications.markSent(notification.id(), sentAt)) {
			Duration sinceEvent = Duration.between(notification.eventAt(), sentAt);
			metrics.sent(sinceEvent);
			LOG.atInfo().setMessage("email.sent")
				.addKeyValue("notificationId", notification.id())
				.addKeyValue("kind", notification.kind())
				.addKeyValue("userId", notification.userId())
				.addKeyValue("attempt", notification.attempts())
				.addKeyValue("sinceEventMs", sinceEvent.toMillis())
				.log();
		}
	}

	/**
	 * Whether the server accepted every message before the exception: {@code JavaMailSenderImpl}
	 * reports a failed connection and failed messages with the messages concerned, and a failure to
	 * close the connection after every message was accepted ({@code 250} to {@code DATA}) with none.
	 */
	static boolean acceptedBeforeFailing(MailSendException ex) {
		return ex.getFailedMessages().isEmpty() && ex.getMessageExceptions().length == 0;
	}

	private MimeMessage message(Notification notification, String address, Optional<Recipient> recipient)
			throws MessagingException {
		TemplateModel model = notification.model();
		NotificationTemplates.RenderedEmail email = templates.email(model,
				new NotificationTemplates.Delivery(recipient.map(Recipient::displayName).orElse(null),
						notification.secret(), links.linkFor(model, notification.userId(), notification.secret())));

		MimeMessage message = mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom(properties.from());
		helper.setTo(address);
		helper.setSubject(email.subject());
		helper.setText(email.text(), email.html());
		// Deterministic per notification (JavaMailSenderImpl keeps an explicit Message-ID): a resend
		// after an ambiguous failure carries the same id, so receiving systems can tell it is a duplicate.
		message.setHeader("Message-ID", "<" + notification.id() + "@" + properties.messageIdDomain() + ">");
		return message;
	}

	private void failed(Notification notification, Exception ex) {
		String error = ex.getClass().getSimpleName() + ": " + String.valueOf(ex.getMessage());
		error = error.length() > 500 ? error.substring(0, 500) : error;
		if (notification.attempts() >= properties.dispatch().maxAttempts()) {
			LOG.atWarn().setMessage("email.dead")
				.addKeyValue("notificationId", notification.id())
				.addKeyValue("kind", notification.kind())
				.addKeyValue("userId", notification.userId())
				.addKeyValue("attempts", notification.attempts())
				.addKeyValue("error", ex.getClass().getSimpleName())
				.log();
			if (notifications.markFailed(notification.id(), error)) {
				metrics.failed();
			}
		}
		else {
			Instant next = clock.instant().plus(backoff.after(notification.attempts()));
			LOG.atInfo().setMessage("email.failed")
				.addKeyValue("notificationId", notification.id())
				.addKeyValue("kind", notification.kind())
				.addKeyValue("userId", notification.userId())
				.addKeyValue("attempt", notification.attempts())
				.addKeyValue("nextAttemptAt", next)
				.addKeyValue("error", ex.getClass().getSimpleName())
				.log();
			if (notifications.scheduleRetry(notification.id(), error, next)) {
				metrics.retried("backoff");
			}
		}
	}
}
