package dev.orderly.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real SMTP server (GreenMail) on a free port for app-level tests; the application sends to it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestMailServer {

	private static final GreenMail SERVER = start();

	private static GreenMail start() {
		GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	@Bean
	DynamicPropertyRegistrar mailServerProperties() {
		return registry -> registry.add("spring.mail.port", () -> SERVER.getSmtp().getPort());
	}

	/** One received email, reduced to what tests look at. */
	public record Email(String to, String subject, String body) {
	}

	/** The emails received so far for {@code address}, oldest first. */
	public static List<Email> to(String address) {
		return Arrays.stream(SERVER.getReceivedMessages()).filter(message -> addressedTo(message, address))
			.map(message -> {
				try {
					return new Email(address, message.getSubject(), GreenMailUtil.getBody(message));
				}
				catch (MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			})
			.toList();
	}

	private static boolean addressedTo(MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
