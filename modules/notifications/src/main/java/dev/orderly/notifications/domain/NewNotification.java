package dev.orderly.notifications;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.orderly.notifications.Notification.Channel;

/**
 * A notification to record: one channel of a {@link Notice}, made by the factory of its channel.
 * {@code dedupKey} (channel, kind and the identity of the source event) makes recording idempotent
 * under redelivery.
 */
record NewNotification(UUID userId, Channel channel, TemplateModel model, NotificationStatus status, String dedupKey,
		String email, String secret, String title, String body, Instant eventAt) {

	/**
	 * The email of a notice: due at once when an address is known, otherwise waiting for the
	 * recipient's address. Its content is rendered when it is sent, from the model and the token.
	 */
	static NewNotification email(Notice notice, boolean addressKnown, Instant eventAt) {
		return new NewNotification(notice.userId(), Channel.EMAIL, notice.model(),
				addressKnown ? NotificationStatus.PENDING : NotificationStatus.AWAITING_RECIPIENT,
				notice.dedupKey(Channel.EMAIL), notice.address(), notice.token(), null, null, eventAt);
	}

	/** The in-app notification of a notice: delivered at once, with its rendered title and body. */
	static NewNotification inApp(Notice notice, NotificationTemplates.RenderedInApp shown, Instant eventAt) {
		return new NewNotification(notice.userId(), Channel.IN_APP, notice.model(), NotificationStatus.DELIVERED,
				notice.dedupKey(Channel.IN_APP), null, null, shown.title(), shown.body(), eventAt);
	}

	NotificationKind kind() {
		return model.kind();
	}

	/** The model as stored. */
	Map<String, String> params() {
		return model.params();
	}
}
