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
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailSendException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.domain.Backoff;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.Recipient;
import dev.orderly.notifications.domain.TemplateModel;
import dev.orderly.notifications.persistence.Notifications;
import dev.orderly.platform.Ids;
import dev.orderly.platform.RequestOrigin;

/**
 * Sends emails, separately from the listeners that record them: right after the listener's commit
 * when a sender is free (a direct send, below), otherwise at the next run of its poll. One run:
 * <ol>
 * <li>emails left {@code SENDING} by a sender that stopped are due again: claimed by an instance
 * whose heartbeat lapsed (it died; the instance lease, 10 s, as for event publications), claimed by
 * this instance in a run or a direct send that a database error ended, or past their lease (a sender hung past every
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
 * its own; no transaction is open while talking SMTP. Each delivery resumes the origin the email's row
 * keeps ({@code Notification.origin()}): its lines carry the trace id and request id of the request
 * that caused the email, and the email's span is in that trace.
 *
 * <p><b>Direct sends (ADR 0043).</b> An email that is due when its event is recorded (its address
 * known, its recipient not deleted) need not wait for a run's claim: when one of this instance's
 * senders is free ({@code reserveSender}: the same {@code senders} permits a run's senders take, never
 * waited for), the listener records it already claimed — {@code SENDING}, one attempt, leased and
 * {@code claimed_by} this instance, as the claim leaves it — in its own transaction and statement
 * ({@code Notifications.recordAll}, which returns the row with its recipient and trace context as the
 * claim does). After that transaction commits, a virtual thread delivers it through the same path as a
 * run (deliver: render, send, {@code SENT}, retry or failed, {@code email.sent}, metrics, the
 * row's origin resumed); a rollback gives the sender back and sends nothing. With no sender free the
 * email is recorded {@code PENDING} and a run sends it. Per email this saves the claim's commit and
 * the wait for the next poll; the guarantees hold as for a run's claim: the claim commits before the
 * SMTP exchange and no transaction is open during it; a crash after the commit leaves the row
 * {@code SENDING}, claimed by a dead instance, and another instance (or this one's next run, for a
 * send that ended without recording its outcome) resends it with the same {@code Message-ID}. The
 * email's id is chosen before its row is written and is in flight from then on, and a run takes back
 * its own {@code SENDING} rows under a lock that adding to the in-flight set also takes: so a run never
 * takes back, from a stale copy of that set, a direct send in progress. The same holds for the broker's
 * intake (split mode): it records in the consumer's transaction, and the send follows that commit.
 */
@Component
public class EmailDispatcher implements DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(EmailDispatcher.class);

	private static final String MODULE = "notifications";

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
	private final AtomicLong lastTakeOver = new AtomicLong(System.nanoTime());

	/** The emails this instance's senders are sending now: never taken back from under them. */
	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	/**
	 * Held (read) while a direct send adds its email to {@link #inFlight}, and (write) while a run takes back
	 * this instance's own {@code SENDING} rows that are not in flight: so that the take-back never works from a
	 * copy of {@link #inFlight} that misses an email recorded claimed and committed before its statement ran.
	 */
	private final ReadWriteLock inFlightChanges = new ReentrantReadWriteLock();

	/**
	 * The senders of this instance, {@code orderly.notifications.dispatch.senders} of them: a run's senders
	 * wait for one, a direct send takes one only when one is free (ADR 0029, ADR 0043). Fair, so that a
	 * run waiting for a sender is not overtaken by direct sends forever.
	 */
	private final Semaphore senders;

	/** The threads of the direct sends in progress, for the shutdown to wait for them a little. */
	private final Set<Thread> directSends = ConcurrentHashMap.newKeySet();

	/** Set when the context closes: no more direct sends (the poll's schedule stops on its own). */
	private volatile boolean closing;

	/** How long the shutdown waits for direct sends in progress before leaving them to the take-over. */
	private static final Duration DIRECT_SENDS_AT_SHUTDOWN = Duration.ofSeconds(5);

	/** The threads of direct sends: virtual, named for thread dumps and logs. */
	private static final ThreadFactory DIRECT_SENDERS = Thread.ofVirtual().name("email-sender-direct-", 1).factory();

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
		this.senders = new Semaphore(properties.dispatch().senders(), true);
	}

	/** One dispatcher run; returns how many emails were claimed. */
	public int dispatchDue() {
		AtomicInteger claimed = new AtomicInteger();
		try {
			int resent;
			inFlightChanges.writeLock().lock();
			try {
				resent = notifications.releaseStoppedSends(inFlight, true);
			}
			finally {
				inFlightChanges.writeLock().unlock();
			}
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
			LOG.debug("Email dispatch failed", ex);
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
		try {
			senders.acquire(); // a sender of this instance: direct sends may hold them all for a moment
		}
		catch (InterruptedException ex) { // the schedule stops
			Thread.currentThread().interrupt();
			return false;
		}
		try {
			Optional<Notifications.Claimed> next = notifications.claimNext(properties.dispatch().lease());
			if (next.isEmpty()) {
				return false;
			}
			UUID id = next.get().notification().id();
			inFlight.add(id);
			try {
				send(next.get(), false);
			}
			finally {
				inFlight.remove(id);
			}
		}
		finally {
			senders.release();
		}
		claimed.incrementAndGet();
		return true;
	}

	/**
	 * Delivers a claimed email in the context of the request that caused it: its trace id, request id
	 * and the module on every line of the delivery (email.sent, email.failed, email.dead), its trace
	 * continued by the email's span.
	 */
	private void send(Notifications.Claimed claimed, boolean direct) {
		try (RequestOrigin.Resumed origin = claimed.notification().origin().resume(MODULE)) {
			deliver(claimed.notification(), claimed.recipient(), direct);
		}
	}

	/**
	 * Reserves a sender of this instance for an email about to be recorded already claimed in the
	 * caller's transaction (ADR 0043); empty when none is free now (or the context is closing): the
	 * email is then recorded {@code PENDING} and a run sends it. The reservation names the id the email
	 * must be recorded with; that id is in flight from now on, before the row exists, so that no run
	 * takes the row back from under the send. The caller ends the reservation either way:
	 * {@link DirectSend#sendAfterCommit} once the email was recorded claimed, {@link DirectSend#release}
	 * otherwise (not due, a duplicate, a deleted recipient, or the statement failed).
	 */
	Optional<DirectSend> reserveSender() {
		if (closing) {
			return Optional.empty();
		}
		try {
			// the timed form honours fairness: a run waiting for a sender goes first
			if (!senders.tryAcquire(0, TimeUnit.SECONDS)) {
				return Optional.empty();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		UUID id = Ids.next();
		inFlightChanges.readLock().lock();
		try {
			inFlight.add(id);
		}
		finally {
			inFlightChanges.readLock().unlock();
		}
		return Optional.of(new DirectSend(id));
	}

	/**
	 * A sender reserved for one email recorded claimed in the current transaction: it sends the email
	 * after that transaction committed, on a thread of its own, and gives the sender back when the send
	 * ends or the transaction rolls back. Ends once: a second end does nothing.
	 */
	final class DirectSend {

		private final UUID emailId;

		private final AtomicBoolean ended = new AtomicBoolean();

		private DirectSend(UUID emailId) {
			this.emailId = emailId;
		}

		/** The id to record the email with. */
		UUID emailId() {
			return emailId;
		}

		/**
		 * Sends {@code claimed} (recorded {@code SENDING} with this reservation's id) once the current
		 * transaction committed; on a rollback the sender is given back and nothing is sent. Without a
		 * transaction the row is already committed: it is sent at once.
		 */
		void sendAfterCommit(Notifications.Claimed claimed) {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				start(claimed);
				return;
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						start(claimed);
					}
					else { // rolled back (or unknown: then the row, if it exists, is taken back by a run)
						notifications.forgetClaim(emailId);
						release();
					}
				}
			});
		}

		private void start(Notifications.Claimed claimed) {
			try {
				Thread sender = DIRECT_SENDERS.newThread(() -> {
					try {
						send(claimed, true);
					}
					catch (DataAccessException ex) {
						// the outcome could not be recorded (the database is unavailable, or the context closed
						// mid-send): the row stays SENDING and a run takes it back and resends it
						LOG.warn("Email {} was sent or not, its outcome unrecorded: database unavailable ({}); "
								+ "it is resent with the same Message-ID", emailId, ex.getClass().getSimpleName());
						LOG.debug("Direct email send failed", ex);
					}
					catch (RuntimeException ex) { // a bug: the row stays SENDING and is taken back as above
						LOG.warn("Email {} was not sent directly ({}); it is resent by the dispatcher", emailId,
								ex.getClass().getSimpleName(), ex);
					}
					finally {
						directSends.remove(Thread.currentThread());
						release();
					}
				});
				directSends.add(sender);
				sender.start();
			}
			catch (RuntimeException ex) { // no thread: the row stays SENDING, not in flight, and the next run takes it back
				LOG.warn("Email {} could not be handed to a sender ({}); the dispatcher resends it", emailId,
						ex.getClass().getSimpleName());
				release();
			}
		}

		/** Gives the sender back; the email is no longer in flight. */
		void release() {
			if (ended.compareAndSet(false, true)) {
				inFlight.remove(emailId);
				senders.release();
			}
		}
	}

	/** How many of this instance's senders are free now (for tests). */
	int freeSenders() {
		return senders.availablePermits();
	}

	/** The emails this instance is sending now (for tests). */
	Set<UUID> inFlight() {
		return Set.copyOf(inFlight);
	}

	/**
	 * The context closes: no more direct sends, and those in progress get a few seconds to end. One
	 * that does not is left to the take-over (its row stays {@code SENDING}, resent with the same
	 * {@code Message-ID}); its failure to record the outcome on a closed pool is one warning line.
	 */
	@Override
	public void destroy() throws InterruptedException {
		closing = true;
		long deadline = System.nanoTime() + DIRECT_SENDS_AT_SHUTDOWN.toNanos();
		for (Thread sender : Set.copyOf(directSends)) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !sender.join(Duration.ofNanos(left))) {
				LOG.info("Email senders still sending at shutdown are left to the take-over");
				return;
			}
		}
	}

	/**
	 * {@code recipient}: as the claim read it (ADR 0041: no statement of its own); {@code direct}: sent
	 * right after the listener's commit, not by a run (the {@code via} field of {@code email.sent}).
	 */
	private void deliver(Notification notification, Optional<Recipient> recipient, boolean direct) {
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
				.addKeyValue("via", direct ? "direct" : "poll")
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
