package dev.orderly.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due emails, separately from the listeners that record them. One run:
 * <ol>
 * <li>emails left {@code SENDING} past their lease become {@code UNCONFIRMED} (never resent: the
 * instance that claimed them may have sent them before it died);</li>
 * <li>emails waiting for a now known recipient become due; those that waited too long fail;</li>
 * <li>due emails are claimed ({@code FOR UPDATE SKIP LOCKED}, so instances never share one) and the
 * claim is committed;</li>
 * <li>each is rendered from its row, sent with a deterministic {@code Message-ID}, and marked
 * {@code SENT} with its token erased — or scheduled again with exponential backoff, or
 * {@code FAILED} after the last attempt.</li>
 * </ol>
 * Every state change is a short transaction of its own; no transaction is open while talking SMTP.
 */
@Component
class EmailDispatcher {

	private static final Logger LOG = LoggerFactory.getLogger(EmailDispatcher.class);

	/** Batches one run may claim before it yields to the scheduler (and other instances) again. */
	private static final int MAX_BATCHES_PER_RUN = 50;

	private final Notifications notifications;

	private final Recipients recipients;

	private final NotificationTemplates templates;

	private final NotificationLinks links;

	private final JavaMailSender mail;

	private final TransactionTemplate transactions;

	private final NotificationMetrics metrics;

	private final NotificationProperties properties;

	private final Backoff backoff;

	private final Clock clock;

	EmailDispatcher(Notifications notifications, Recipients recipients, NotificationTemplates templates,
			NotificationLinks links, JavaMailSender mail, TransactionTemplate transactions, NotificationMetrics metrics,
			NotificationProperties properties, Clock clock) {
		this.notifications = notifications;
		this.recipients = recipients;
		this.templates = templates;
		this.links = links;
		this.mail = mail;
		this.transactions = transactions;
		this.metrics = metrics;
		this.properties = properties;
		this.backoff = new Backoff(properties.dispatch().backoffBase(), properties.dispatch().backoffMax());
		this.clock = clock;
	}

	/** One dispatcher run; returns how many emails were claimed. */
	int dispatchDue() {
		int unconfirmed = notifications.markExpiredLeasesUnconfirmed();
		if (unconfirmed > 0) {
			LOG.warn("{} email(s) were left SENDING past their lease and are now UNCONFIRMED (not resent)", unconfirmed);
		}
		notifications.releaseAwaitingWithKnownRecipient();
		int abandoned = notifications.failAwaitingLongerThan(properties.dispatch().recipientWait());
		for (int i = 0; i < abandoned; i++) {
			metrics.failed();
		}
		// Drain: a full batch means more are due, so claim the next one now instead of waiting for the
		// next tick (one batch per tick capped delivery at batch-size / interval, see docs/performance.md).
		int batchSize = properties.dispatch().batchSize();
		int delivered = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			List<Notification> claimed = transactions
				.execute(status -> notifications.claimDue(batchSize, properties.dispatch().lease()));
			claimed.forEach(this::deliver);
			delivered += claimed.size();
			if (claimed.size() < batchSize) {
				break;
			}
		}
		return delivered;
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
		catch (MessagingException | RuntimeException ex) { // MailException, template errors {
			failed(notification, ex);
			return;
		}
		Instant sentAt = clock.instant();
		if (notifications.markSent(notification.id(), sentAt)) {
			metrics.sent(Duration.between(notification.eventAt(), sentAt));
		}
	}

	private MimeMessage message(Notification notification, String address, Optional<Recipient> recipient)
			throws MessagingException {
		Map<String, Object> model = new HashMap<>(notification.params());
		model.putIfAbsent("displayName", recipient.map(Recipient::displayName).orElse(null));
		model.put("token", notification.secret());
		model.put("link", links.linkFor(notification.kind(), notification.userId(),
				notification.params().get("orderId"), notification.secret()));
		NotificationTemplates.RenderedEmail email = templates.email(notification.kind(), model);

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
