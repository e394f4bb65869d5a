package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.domain.Backoff;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.Recipient;
import dev.orderly.notifications.domain.TemplateModel;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.notifications.persistence.Recipients;

/**
 * Sends due emails, separately from the listeners that record them. One run:
 * <ol>
 * <li>emails left {@code SENDING} past their lease (the instance sending them died, or hung past
 * every SMTP timeout) are due again: they are resent with the same {@code Message-ID}
 * (at-least-once; a receiving system can discard the duplicate);</li>
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
 * one email per sender uncertain (sent or not); it is resent after its lease. An error of the SMTP
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

	private final Recipients recipients;

	private final NotificationTemplates templates;

	private final NotificationLinks links;

	private final JavaMailSender mail;

	private final NotificationMetrics metrics;

	private final NotificationProperties properties;

	private final Backoff backoff;

	private final Clock clock;

	EmailDispatcher(Notifications notifications, Recipients recipients, NotificationTemplates templates,
			NotificationLinks links, JavaMailSender mail, NotificationMetrics metrics, NotificationProperties properties,
			Clock clock) {
		this.notifications = notifications;
		this.recipients = recipients;
		this.templates = templates;
		this.links = links;
		this.mail = mail;
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = new Backoff(properties.dispatch().backoffBase(), properties.dispatch().backoffMax());
		this.clock = clock;
	}

	/** One dispatcher run; returns how many emails were claimed. */
	public int dispatchDue() {
		AtomicInteger claimed = new AtomicInteger();
		try {
			int resent = notifications.releaseExpiredLeases();
			if (resent > 0) {
				LOG.warn("{} email(s) were left SENDING past their lease (their sender died or hung) and are "
						+ "resent with the same Message-ID", resent);
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
			// until its lease expires and is then sent; nothing else is claimed. The next run starts over.
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

	/** Claims and delivers the next due email; {@code false} when none is due. */
	private boolean sendNext(AtomicInteger claimed) {
		Optional<Notification> next = notifications.claimNextDue(properties.dispatch().lease());
		if (next.isEmpty()) {
			return false;
		}
		deliver(next.get());
		claimed.incrementAndGet();
		return true;
	}

	private void deliver(Notification notification) {
		Optional<Recipient> recipient = recipients.find(notification.userId());
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
			mail.send(message(notification, address, recipient));
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
			metrics.sent(Duration.between(notification.eventAt(), sentAt));
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
			LOG.warn("Email {} failed for good after {} attempts: {}", notification.id(), notification.attempts(), error);
			if (notifications.markFailed(notification.id(), error)) {
				metrics.failed();
			}
		}
		else {
			Instant next = clock.instant().plus(backoff.after(notification.attempts()));
			LOG.info("Email {} attempt {} failed, next at {}: {}", notification.id(), notification.attempts(), next, error);
			if (notifications.scheduleRetry(notification.id(), error, next)) {
				metrics.retried("backoff");
			}
		}
	}
}
