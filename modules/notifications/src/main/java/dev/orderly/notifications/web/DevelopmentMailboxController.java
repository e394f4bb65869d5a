package dev.orderly.notifications.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.notifications.SmtpNotConfigured;
import dev.orderly.notifications.application.DevelopmentMailbox;
import dev.orderly.notifications.application.NotificationManagement;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiResponse;

/**
 * The development mailbox over HTTP, present only while no SMTP server is configured: the caller's
 * own emails, newest first. A user sees only mail addressed to their own account's email, so a
 * password-reset link can only be read by someone already signed in as that user.
 */
@RestController
@Conditional(SmtpNotConfigured.class)
@Tag(name = "notifications")
class DevelopmentMailboxController {

	private final DevelopmentMailbox mailbox;

	private final NotificationManagement notifications;

	DevelopmentMailboxController(DevelopmentMailbox mailbox, NotificationManagement notifications) {
		this.mailbox = mailbox;
		this.notifications = notifications;
	}

	/** An email in the development mailbox; {@code links} are those found in its text. */
	record MailboxEmail(@Schema(maxLength = 320) String to, @Schema(maxLength = 998) String subject,
			@Schema(maxLength = 100_000) String text,
			@ArraySchema(maxItems = 20, schema = @Schema(maxLength = 2048)) List<String> links, Instant sentAt) {

		static MailboxEmail of(DevelopmentMailbox.KeptEmail email) {
			return new MailboxEmail(email.to(), email.subject(), email.text(), email.links(), email.sentAt());
		}
	}

	@Operation(operationId = "readDevelopmentMailbox", summary = "Read your emails in the development mailbox",
			description = "Only while no SMTP server is configured (ORDERLY_MAIL_HOST unset): the emails sent to the caller's "
					+ "own address, newest first, with the links found in them (for example the email verification link).")
	@GetMapping("/api/v1/dev/mailbox")
	ApiResponse<List<MailboxEmail>> developmentMailbox(CurrentUser caller) {
		List<MailboxEmail> emails = notifications.mailboxAddressOf(caller.actor())
			.map(address -> mailbox.to(address).stream().map(MailboxEmail::of).toList())
			.orElse(List.of());
		return ApiResponse.of(emails);
	}
}
