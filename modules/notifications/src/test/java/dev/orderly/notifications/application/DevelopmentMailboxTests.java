package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentMailboxTests {

	private final DevelopmentMailbox mailbox = new DevelopmentMailbox(
			Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

	@Test
	void keepsTheTextAndTheLinksOfAnEmailBuiltLikeTheDispatcherDoes() throws MessagingException {
		mailbox.send(email("<n1@orderly.test>", "Ada@Example.com", "Confirm your email address",
				"Open https://shop.example.test/verify-email?userId=42&token=abc_DEF-1 to confirm."));

		assertThat(mailbox.to("ada@example.com")).singleElement().satisfies(email -> {
			assertThat(email.subject()).isEqualTo("Confirm your email address");
			assertThat(email.text()).startsWith("Open https://shop.example.test/verify-email");
			assertThat(email.links()).containsExactly("https://shop.example.test/verify-email?userId=42&token=abc_DEF-1");
			assertThat(email.sentAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
		});
	}

	@Test
	void showsEachRecipientOnlyTheirOwnEmailsNewestFirst() throws MessagingException {
		mailbox.send(email("<a@orderly.test>", "ada@example.com", "first", "one"));
		mailbox.send(email("<b@orderly.test>", "bob@example.com", "for bob", "two"));
		mailbox.send(email("<c@orderly.test>", "ada@example.com", "second", "three"));

		assertThat(mailbox.to("ada@example.com")).extracting(DevelopmentMailbox.KeptEmail::subject)
			.containsExactly("second", "first");
		assertThat(mailbox.to("carol@example.com")).isEmpty();
	}

	@Test
	void aResendWithTheSameMessageIdReplacesTheEarlierCopy() throws MessagingException {
		mailbox.send(email("<same@orderly.test>", "ada@example.com", "Your order", "first attempt"));
		mailbox.send(email("<same@orderly.test>", "ada@example.com", "Your order", "second attempt"));

		assertThat(mailbox.to("ada@example.com")).extracting(DevelopmentMailbox.KeptEmail::text)
			.containsExactly("second attempt");
	}

	@Test
	void keepsOnlyTheLatestEmails() throws MessagingException {
		for (int i = 0; i < DevelopmentMailbox.CAPACITY + 5; i++) {
			mailbox.send(email("<m" + i + "@orderly.test>", "ada@example.com", "email " + i, "text"));
		}

		assertThat(mailbox.to("ada@example.com")).hasSize(DevelopmentMailbox.CAPACITY)
			.first()
			.extracting(DevelopmentMailbox.KeptEmail::subject)
			.isEqualTo("email " + (DevelopmentMailbox.CAPACITY + 4));
	}

	@Test
	void keepsSimpleMessagesToo() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo("ada@example.com");
		message.setSubject("plain");
		message.setText("see http://localhost:8080/");
		mailbox.send(message);

		assertThat(mailbox.to("ada@example.com")).singleElement()
			.satisfies(email -> assertThat(email.links()).containsExactly("http://localhost:8080/"));
	}

	/** Built as EmailDispatcher builds its emails: mixed/related multipart, text and HTML. */
	private MimeMessage email(String messageId, String to, String subject, String text) throws MessagingException {
		MimeMessage message = mailbox.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom("Orderly <no-reply@orderly.test>");
		helper.setTo(to);
		helper.setSubject(subject);
		helper.setText(text, "<p>" + text + "</p>");
		message.setHeader("Message-ID", messageId);
		return message;
	}
}
