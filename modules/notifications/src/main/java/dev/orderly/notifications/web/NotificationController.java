package dev.orderly.notifications.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.notifications.application.NotificationManagement;
import dev.orderly.notifications.domain.Notification;
import dev.orderly.notifications.domain.NotificationStatus;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.web.PageLimit;

/**
 * In-app notifications for their owner, and the email dead letters for administrators: HTTP in and
 * out of {@link NotificationManagement}, whose {@code NotificationPolicy} decides who may do what
 * (failures become the envelope in {@link NotificationsErrorMapping}).
 */
@RestController
@Tag(name = "notifications")
@RequestMapping("/api/v1")
class NotificationController {

	private final NotificationManagement notifications;

	NotificationController(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	/** A user's in-app notifications, newest first; {@code ?unread=true} for the unread ones only. */
	@Operation(operationId = "listUserNotifications", summary = "List a user's in-app notifications",
			description = "Self or administrator: in-app notifications newest first, one keyset page at a time; unread=true for the unread ones only.")
	@GetMapping("/users/{userId}/notifications")
	ApiResponse<List<InAppNotification>> inApp(@PathVariable UUID userId, CurrentUser caller,
			@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		int pageLimit = PageLimit.of(limit);
		List<Notification> rows = notifications.inAppOf(caller.actor(), userId, unread, Cursor.decode(cursor),
				pageLimit);
		return ApiResponse.page(rows, pageLimit, row -> new Cursor(row.createdAt(), row.id()), InAppNotification::of);
	}

	/** Marks an in-app notification read (owner only); reading it again changes nothing. */
	@Operation(operationId = "markNotificationRead", summary = "Mark a notification read",
			description = "Owner only: marks an in-app notification read; doing it again changes nothing.")
	@PostMapping("/notifications/{id}/read")
	ApiResponse<InAppNotification> read(@PathVariable UUID id, CurrentUser caller) {
		return ApiResponse.of(InAppNotification.of(notifications.markRead(caller.actor(), id)));
	}

	/**
	 * Notifications in a state, newest first (administrators); by default the dead letters.
	 * {@code status} may list several states, comma-separated (e.g. every email short of {@code SENT}:
	 * {@code FAILED,UNCONFIRMED,PENDING,SENDING,AWAITING_RECIPIENT}).
	 */
	@Operation(operationId = "listNotifications", summary = "List notifications by delivery status",
			description = "Administrators: notifications in one or more delivery statuses (comma-separated), newest first; default FAILED, the email dead letters.")
	@GetMapping("/notifications")
	ApiResponse<List<AdminNotification>> byStatus(@RequestParam(defaultValue = "FAILED") String status,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor,
			CurrentUser caller) {
		int pageLimit = PageLimit.of(limit);
		List<Notification> rows = notifications.inStatus(caller.actor(), statusOf(status), Cursor.decode(cursor),
				pageLimit);
		return ApiResponse.page(rows, pageLimit, row -> new Cursor(row.createdAt(), row.id()), AdminNotification::of);
	}

	/**
	 * Schedules an email that did not reach {@code SENT} for delivery now with a fresh attempt budget
	 * (administrators); not one in flight ({@code SENDING}) nor one to a deleted recipient ({@code SKIPPED}).
	 */
	@Operation(operationId = "retryNotification", summary = "Retry an undelivered email",
			description = "Administrators: schedules an email that did not reach SENT for delivery now with a fresh attempt budget (202); one in flight (SENDING) or to a deleted recipient (SKIPPED) is 409 INVALID_STATE_TRANSITION.")
	@PostMapping("/notifications/{id}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED) // documents the status; the ResponseEntity sets the same
	ResponseEntity<ApiResponse<AdminNotification>> retry(@PathVariable UUID id, CurrentUser caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(ApiResponse.of(AdminNotification.of(notifications.retry(caller.actor(), id))));
	}

	private static List<NotificationStatus> statusOf(String status) {
		try {
			return Arrays.stream(status.split(",", -1))
				.map(it -> NotificationStatus.valueOf(it.strip().toUpperCase(Locale.ROOT)))
				.distinct()
				.toList();
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("status", "invalid", "status must be one of "
					+ List.of(NotificationStatus.values()));
		}
	}

	/** An in-app notification as its owner sees it; {@code data} holds ids such as {@code orderId}. */
	record InAppNotification(UUID id, @Schema(maxLength = 64) String kind, @Schema(maxLength = 500) String title,
			@Schema(maxLength = 5000) String body, Map<String, String> data, boolean read,
			@Schema(nullable = true) Instant readAt, Instant createdAt) {

		static InAppNotification of(Notification n) {
			return new InAppNotification(n.id(), n.kind().name(), n.title(), n.body(), n.params(), n.readAt() != null,
					n.readAt(), n.createdAt());
		}
	}

	/** A notification as an administrator sees it: its delivery state, never its content or token. */
	record AdminNotification(UUID id, UUID userId, @Schema(allowableValues = { "EMAIL", "IN_APP" }) String channel,
			@Schema(maxLength = 64) String kind, @Schema(maxLength = 64) String status,
			@Schema(minimum = "0", maximum = "1000") int attempts,
			@Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true, maxLength = 500) String lastError,
			@Schema(nullable = true) Instant sentAt, Instant createdAt, Instant updatedAt) {

		static AdminNotification of(Notification n) {
			return new AdminNotification(n.id(), n.userId(), n.channel().name(), n.kind().name(), n.status().name(),
					n.attempts(), n.nextAttemptAt(), n.lastError(), n.sentAt(), n.createdAt(), n.updatedAt());
		}
	}
}
