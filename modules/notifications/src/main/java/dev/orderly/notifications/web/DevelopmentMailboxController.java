package dev.orderly.notifications.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.notifications.application.DevelopmentMailbox;
import dev.orderly.notifications.application.NotificationManagement;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiResponse;

/**
 * The development mailbox over HTTP, present only while it is on ({@code ORDERLY_DEV_MAILBOX=true}):
 * the caller's own emails, newest first. A user sees only the mail sent for their own account (by
 * user id, whatever address it went to), so a password-reset link can only be read by someone
 * already signed in as that user, and whoever registers a freed address later reads none of it.
 */
@RestController
@ConditionalOnBooleanProperty(DevelopmentMailbox.ENABLED)
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
			description = "Only while the development mailbox is on (ORDERLY_DEV_MAILBOX=true, never in production): the emails "
					+ "sent for the caller's own account, newest first, with the links found in them (for example the email verification link).")
	@GetMapping("/api/v1/dev/mailbox")
	ApiResponse<List<MailboxEmail>> developmentMailbox(CurrentUser caller) {
		List<MailboxEmail> emails = notifications.mailboxOwner(caller.actor())
			.map(user -> mailbox.of(user).stream().map(MailboxEmail::of).toList())
			.orElse(List.of());
		return ApiResponse.of(emails);
	}
}
