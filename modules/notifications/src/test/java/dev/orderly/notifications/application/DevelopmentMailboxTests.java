package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DevelopmentMailboxTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

	private final DevelopmentMailbox mailbox = new DevelopmentMailbox(CLOCK, new MockEnvironment());

	private final UUID ada = UUID.randomUUID();

	@Test
	void keepsTheTextAndTheLinksOfAnEmailBuiltLikeTheDispatcherDoes() throws MessagingException {
		mailbox.sendFor(ada, email("<n1@orderly.test>", "Ada@Example.com", "Confirm your email address",
				"Open https://shop.example.test/verify-email?userId=42&token=abc_DEF-1 to confirm."));

		assertThat(mailbox.of(ada)).singleElement().satisfies(email -> {
			assertThat(email.to()).isEqualTo("ada@example.com");
			assertThat(email.subject()).isEqualTo("Confirm your email address");
			assertThat(email.text()).startsWith("Open https://shop.example.test/verify-email");
			assertThat(email.links()).containsExactly("https://shop.example.test/verify-email?userId=42&token=abc_DEF-1");
			assertThat(email.sentAt()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
		});
	}

	@Test
	void showsEachUserOnlyTheirOwnEmailsNewestFirst() throws MessagingException {
		UUID bob = UUID.randomUUID();
		mailbox.sendFor(ada, email("<a@orderly.test>", "ada@example.com", "first", "one"));
		mailbox.sendFor(bob, email("<b@orderly.test>", "bob@example.com", "for bob", "two"));
		mailbox.sendFor(ada, email("<c@orderly.test>", "ada@example.com", "second", "three"));

		assertThat(mailbox.of(ada)).extracting(DevelopmentMailbox.KeptEmail::subject)
			.containsExactly("second", "first");
		assertThat(mailbox.of(UUID.randomUUID())).isEmpty();
	}

	@Test
	void whoeverTakesOverAnAddressLaterDoesNotReadThePreviousOwnersMail() throws MessagingException {
		mailbox.sendFor(ada, email("<reset@orderly.test>", "shared@example.com", "Reset your password",
				"https://shop.example.test/reset-password?token=secret"));
		UUID newOwner = UUID.randomUUID();
		mailbox.sendFor(newOwner, email("<welcome@orderly.test>", "shared@example.com", "Welcome", "hello"));

		assertThat(mailbox.of(newOwner)).extracting(DevelopmentMailbox.KeptEmail::subject).containsExactly("Welcome");
		assertThat(mailbox.of(ada)).extracting(DevelopmentMailbox.KeptEmail::subject)
			.containsExactly("Reset your password");
	}

	@Test
	void aResendWithTheSameMessageIdReplacesTheEarlierCopy() throws MessagingException {
		mailbox.sendFor(ada, email("<same@orderly.test>", "ada@example.com", "Your order", "first attempt"));
		mailbox.sendFor(ada, email("<same@orderly.test>", "ada@example.com", "Your order", "second attempt"));

		assertThat(mailbox.of(ada)).extracting(DevelopmentMailbox.KeptEmail::text).containsExactly("second attempt");
	}

	@Test
	void keepsOnlyTheLatestEmails() throws MessagingException {
		for (int i = 0; i < DevelopmentMailbox.CAPACITY + 5; i++) {
			mailbox.sendFor(ada, email("<m" + i + "@orderly.test>", "ada@example.com", "email " + i, "text"));
		}

		assertThat(mailbox.of(ada)).hasSize(DevelopmentMailbox.CAPACITY)
			.first()
			.extracting(DevelopmentMailbox.KeptEmail::subject)
			.isEqualTo("email " + (DevelopmentMailbox.CAPACITY + 4));
	}

	@Test
	void mailSentWithoutAUserIsReadByNobody() throws MessagingException {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo("ada@example.com");
		message.setSubject("plain");
		message.setText("see http://localhost:8080/");
		mailbox.send(message);
		mailbox.send(email("<x@orderly.test>", "ada@example.com", "no user", "text"));

		assertThat(mailbox.of(ada)).isEmpty();
	}

	@Test
	void refusesToExistUnderAProductionProfile() {
		for (String profile : new String[] { "prod", "production" }) {
			MockEnvironment production = new MockEnvironment();
			production.setActiveProfiles(profile);

			assertThatIllegalStateException().isThrownBy(() -> new DevelopmentMailbox(CLOCK, production))
				.withMessageContaining("refused under a prod/production profile")
				.withMessageContaining("ORDERLY_MAIL_HOST");
		}
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
