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
import java.util.Properties;
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

import org.springframework.context.annotation.Conditional;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import dev.orderly.notifications.SmtpNotConfigured;

/**
 * The development mail sink: the {@link JavaMailSender} used while no SMTP server is configured
 * ({@code ORDERLY_MAIL_HOST} unset). Instead of sending, it keeps the latest emails in memory, for
 * their recipients to read at {@code GET /api/v1/dev/mailbox}, and logs one line per email (subject
 * and recipient; never the body, whose links carry tokens). Being a {@code MailSender} bean, it makes
 * Boot's SMTP sender back off; setting {@code ORDERLY_MAIL_HOST} brings that one back.
 */
@Component
@Conditional(SmtpNotConfigured.class)
public class DevelopmentMailbox implements JavaMailSender {

	private static final Logger LOG = LoggerFactory.getLogger(DevelopmentMailbox.class);

	/** Emails kept; the oldest go first. */
	static final int CAPACITY = 200;

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

	private final Session session = Session.getInstance(new Properties());

	private final Deque<KeptEmail> kept = new ArrayDeque<>();

	private final Clock clock;

	DevelopmentMailbox(Clock clock) {
		this.clock = clock;
		LOG.info("No SMTP server configured (ORDERLY_MAIL_HOST): emails go to the development mailbox, "
				+ "GET /api/v1/dev/mailbox shows each user theirs");
	}

	/**
	 * An email as kept: its recipient, subject, plain text and the links in it.
	 *
	 * @param messageId the {@code Message-ID}; a resend with the same id replaces the earlier copy
	 */
	public record KeptEmail(String messageId, String to, String subject, String text, List<String> links, Instant sentAt) {
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

	@Override
	public void send(MimeMessage... messages) {
		for (MimeMessage message : messages) {
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
					keep(new KeptEmail(message.getMessageID(), addressOf(address), message.getSubject(), text,
							links(text), clock.instant()));
				}
			}
			catch (MessagingException | IOException ex) {
				throw new MailPreparationException("Could not read the email to keep it", ex);
			}
		}
	}

	@Override
	public void send(SimpleMailMessage... messages) {
		for (SimpleMailMessage message : messages) {
			String text = message.getText() == null ? "" : message.getText();
			for (String to : message.getTo() == null ? new String[0] : message.getTo()) {
				keep(new KeptEmail(null, to.toLowerCase(Locale.ROOT), message.getSubject(), text, links(text),
						clock.instant()));
			}
		}
	}

	/** The kept emails addressed to {@code address}, newest first. */
	public synchronized List<KeptEmail> to(String address) {
		String wanted = address.toLowerCase(Locale.ROOT);
		List<KeptEmail> result = new ArrayList<>();
		kept.descendingIterator().forEachRemaining(email -> {
			if (email.to().equals(wanted)) {
				result.add(email);
			}
		});
		return result;
	}

	private synchronized void keep(KeptEmail email) {
		if (email.messageId() != null) {
			kept.removeIf(it -> email.messageId().equals(it.messageId()) && email.to().equals(it.to()));
		}
		kept.addLast(email);
		while (kept.size() > CAPACITY) {
			kept.removeFirst();
		}
		LOG.info("Development mailbox: kept \"{}\" for {}", email.subject(), email.to());
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
