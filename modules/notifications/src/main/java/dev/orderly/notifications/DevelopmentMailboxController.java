package dev.orderly.notifications;

import java.time.Instant;
import java.util.List;

import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiResponse;

/**
 * The development mailbox over HTTP, present only while no SMTP server is configured: the caller's
 * own emails, newest first. A user sees only mail addressed to their own account's email, so a
 * password-reset link can only be read by someone already signed in as that user.
 */
@RestController
@Conditional(SmtpNotConfigured.class)
class DevelopmentMailboxController {

	private final DevelopmentMailbox mailbox;

	private final Recipients recipients;

	DevelopmentMailboxController(DevelopmentMailbox mailbox, Recipients recipients) {
		this.mailbox = mailbox;
		this.recipients = recipients;
	}

	/** An email in the development mailbox; {@code links} are those found in its text. */
	record MailboxEmail(String to, String subject, String text, List<String> links, Instant sentAt) {

		static MailboxEmail of(DevelopmentMailbox.KeptEmail email) {
			return new MailboxEmail(email.to(), email.subject(), email.text(), email.links(), email.sentAt());
		}
	}

	@GetMapping("/api/v1/dev/mailbox")
	ApiResponse<List<MailboxEmail>> developmentMailbox(CurrentUser caller) {
		List<MailboxEmail> emails = recipients.find(caller.id())
			.map(recipient -> mailbox.to(recipient.email()).stream().map(MailboxEmail::of).toList())
			.orElse(List.of());
		return ApiResponse.of(emails);
	}
}
