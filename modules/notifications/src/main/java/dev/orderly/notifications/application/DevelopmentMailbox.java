package dev.orderly.notifications.application;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;


/**
 * The development mail sink: the {@link JavaMailSender} used only when asked for explicitly
 * ({@code orderly.notifications.dev-mailbox=true}, {@code ORDERLY_DEV_MAILBOX=true}; never by the
 * mere absence of an SMTP host, docs/adr/0034), and refused under a {@code prod}/{@code production}
 * profile. Instead of sending, it keeps the latest emails in memory, for their recipients to read at
 * {@code GET /api/v1/dev/mailbox}, and logs one line per email (subject only; never the body, whose
 * links carry tokens, nor the address). Emails are kept for the recipient's user id, not their
 * address: whoever takes over an address later (after the account was deleted or changed its
 * email) does not read the previous owner's mail. Being a {@code MailSender} bean, it makes Boot's
 * SMTP sender back off.
 */
@Component
@ConditionalOnBooleanProperty(DevelopmentMailbox.ENABLED)
public class DevelopmentMailbox implements JavaMailSender {

	/** The explicit setting that switches it on. */
	public static final String ENABLED = "orderly.notifications.dev-mailbox";

	private static final Logger LOG = LoggerFactory.getLogger(DevelopmentMailbox.class);

	/** Emails kept; the oldest go first. */
	static final int CAPACITY = 200;

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

	private final Session session = Session.getInstance(new Properties());

	private final Deque<KeptEmail> kept = new ArrayDeque<>();

	private final Clock clock;

	DevelopmentMailbox(Clock clock, Environment environment) {
		if (environment.acceptsProfiles(Profiles.of("prod | production"))) {
			throw new IllegalStateException(REFUSED_IN_PRODUCTION);
		}
		this.clock = clock;
		LOG.warn("Development mailbox on (ORDERLY_DEV_MAILBOX=true): no email is delivered, each user reads theirs "
				+ "at GET /api/v1/dev/mailbox; health reports mail DEGRADED. Never in production.");
	}

	static final String REFUSED_IN_PRODUCTION = "The development mailbox (ORDERLY_DEV_MAILBOX=true) is refused under a "
			+ "prod/production profile: it delivers nothing and shows emails, with their tokens, over HTTP. "
			+ "Set ORDERLY_MAIL_HOST (and ORDERLY_MAIL_USERNAME/ORDERLY_MAIL_PASSWORD) instead.";

	/**
	 * An email as kept: its recipient, subject, plain text and the links in it.
	 *
	 * @param messageId the {@code Message-ID}; a resend with the same id replaces the earlier copy
	 * @param userId the user the email was sent for; {@code null} when sent without one (no user
	 * reads it)
	 */
	public record KeptEmail(String messageId, UUID userId, String to, String subject, String text, List<String> links,
			Instant sentAt) {
	}

	/** Keeps {@code message} for user {@code userId} (who alone reads it), whatever its address. */
	public void sendFor(UUID userId, MimeMessage message) {
		keep(userId, message);
	}

	@Override
	public MimeMessage createMimeMessage() {
		return new MimeMessage(session);
	}

	@Override
	public MimeMessage createMimeMessage(InputStream content) {
		try {
			return new MimeMessage(session, content);
		}
		catch (MessagingException ex) {
			throw new MailParseException("Could not parse MIME content", ex);
		}
	}

	/** Sent without a user: kept (and logged), but nobody reads it in the mailbox. */
	@Override
	public void send(MimeMessage... messages) {
		for (MimeMessage message : messages) {
			keep(null, message);
		}
	}

	private void keep(UUID userId, MimeMessage message) {
		try {
			// As JavaMailSenderImpl does before sending: headers (Content-Type) from the content,
			// keeping an explicit Message-ID.
			String messageId = message.getMessageID();
			message.saveChanges();
			if (messageId != null) {
				message.setHeader("Message-ID", messageId);
			}
			String text = plainText(message);
			for (Address address : recipients(message)) {
				keep(new KeptEmail(message.getMessageID(), userId, addressOf(address), message.getSubject(), text,
						links(text), clock.instant()));
			}
		}
		catch (MessagingException | IOException ex) {
			throw new MailPreparationException("Could not read the email to keep it", ex);
		}
	}

	@Override
	public void send(SimpleMailMessage... messages) {
		for (SimpleMailMessage message : messages) {
			String text = message.getText() == null ? "" : message.getText();
			for (String to : message.getTo() == null ? new String[0] : message.getTo()) {
				keep(new KeptEmail(null, null, to.toLowerCase(Locale.ROOT), message.getSubject(), text, links(text),
						clock.instant()));
			}
		}
	}

	/** The kept emails sent for user {@code userId}, newest first. */
	public synchronized List<KeptEmail> of(UUID userId) {
		List<KeptEmail> result = new ArrayList<>();
		kept.descendingIterator().forEachRemaining(email -> {
			if (userId.equals(email.userId())) {
				result.add(email);
			}
		});
		return result;
	}

	private synchronized void keep(KeptEmail email) {
		if (email.messageId() != null) {
			kept.removeIf(it -> email.messageId().equals(it.messageId()) && email.to().equals(it.to())
					&& Objects.equals(email.userId(), it.userId()));
		}
		kept.addLast(email);
		while (kept.size() > CAPACITY) {
			kept.removeFirst();
		}
		LOG.info("Development mailbox: kept \"{}\" for user {}", email.subject(), email.userId());
	}

	private static Address[] recipients(MimeMessage message) throws MessagingException {
		Address[] to = message.getRecipients(Message.RecipientType.TO);
		return to == null ? new Address[0] : to;
	}

	private static String addressOf(Address address) {
		String value = address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
		return value.toLowerCase(Locale.ROOT);
	}

	/** The first {@code text/plain} part, or the first text part of any kind. */
	private static String plainText(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			String fallback = null;
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = plainText(multipart.getBodyPart(i));
				if (text != null && multipart.getBodyPart(i).isMimeType("text/plain")) {
					return text;
				}
				fallback = fallback == null ? text : fallback;
			}
			return fallback;
		}
		return content instanceof String text ? text : null;
	}

	private static List<String> links(String text) {
		List<String> links = new ArrayList<>();
		if (text != null) {
			Matcher matcher = LINK.matcher(text);
			while (matcher.find()) {
				links.add(matcher.group());
			}
		}
		return List.copyOf(links);
	}
}
