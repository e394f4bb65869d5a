package dev.orderly.notifications.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.orderly.notifications.domain.Notification.Channel;

/**
 * A notification to record: one channel of a {@link Notice}, made by the factory of its channel.
 * {@code dedupKey} (channel, kind and the identity of the source event) makes recording idempotent
 * under redelivery.
 */
public record NewNotification(UUID userId, Channel channel, TemplateModel model, NotificationStatus status, String dedupKey,
		String email, String secret, String title, String body, Instant eventAt) {

	/**
	 * The email of a notice: due at once ({@code PENDING}) when an address is known; the statement that
	 * records it ({@code Notifications.recordAll}) makes it wait for the recipient's address
	 * ({@code AWAITING_RECIPIENT}) when neither the notice nor the recipients projection has one, or
	 * claims it for a sender. Its content is rendered when it is sent, from the model and the token.
	 */
	public static NewNotification email(Notice notice, Instant eventAt) {
		return new NewNotification(notice.userId(), Channel.EMAIL, notice.model(), NotificationStatus.PENDING,
				notice.dedupKey(Channel.EMAIL), notice.address(), notice.token(), null, null, eventAt);
	}

	/** The in-app notification of a notice: delivered at once, with its rendered title and body. */
	public static NewNotification inApp(Notice notice, String title, String body, Instant eventAt) {
		return new NewNotification(notice.userId(), Channel.IN_APP, notice.model(), NotificationStatus.DELIVERED,
				notice.dedupKey(Channel.IN_APP), null, null, title, body, eventAt);
	}

	public NotificationKind kind() {
		return model.kind();
	}

	/** The model as stored. */
	public Map<String, String> params() {
		return model.params();
	}
}
