package dev.orderly.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * One real SMTP server (GreenMail) for all tests of the module, on a fixed free port so that it can
 * be stopped (an SMTP outage) and started again where the application expects it. Import
 * {@link Configuration} to point {@code spring.mail.*} at it.
 */
public final class TestSmtp {

	public static final TestSmtp SERVER = new TestSmtp();

	private final ServerSetup setup;

	private GreenMail greenMail;

	private TestSmtp() {
		this.setup = ServerSetupTest.SMTP.withPort(freePort());
		start();
	}

	public int port() {
		return setup.getPort();
	}

	public synchronized void start() {
		if (greenMail == null) {
			greenMail = new GreenMail(setup);
			greenMail.start();
		}
	}

	public synchronized void stop() {
		if (greenMail != null) {
			greenMail.stop();
			greenMail = null;
		}
	}

	/** The emails received (since the server last started) addressed to {@code address}. */
	public synchronized List<Email> to(String address) {
		if (greenMail == null) {
			return List.of();
		}
		List<Email> emails = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			try {
				if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch(it -> it.toString().contains(address))) {
					emails.add(Email.of(message));
				}
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return emails;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An email as the tests look at it: its plain-text and HTML parts extracted. */
	public record Email(String from, String to, String subject, String messageId, String text, String html) {

		static Email of(MimeMessage message) throws MessagingException, IOException {
			StringBuilder text = new StringBuilder();
			StringBuilder html = new StringBuilder();
			collect(message, text, html);
			return new Email(message.getFrom()[0].toString(), message.getRecipients(Message.RecipientType.TO)[0].toString(),
					message.getSubject(), message.getMessageID(), text.toString(), html.toString());
		}

		private static void collect(Part part, StringBuilder text, StringBuilder html)
				throws MessagingException, IOException {
			if (part.isMimeType("text/plain")) {
				text.append(part.getContent());
			}
			else if (part.isMimeType("text/html")) {
				html.append(part.getContent());
			}
			else if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart body = multipart.getBodyPart(i);
					collect(body, text, html);
				}
			}
		}
	}

	/** Points the application's mail sender at the test SMTP server ({@code spring.mail.host} is static in application.properties: the mail auto-configuration checks it early). */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		DynamicPropertyRegistrar testSmtpProperties() {
			return registry -> {
				registry.add("spring.mail.port", SERVER::port);
			};
		}
	}
}
