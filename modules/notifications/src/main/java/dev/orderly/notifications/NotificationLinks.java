package dev.orderly.notifications;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Links in notifications, all under {@code orderly.notifications.link-base-url}. */
@Component
class NotificationLinks {

	private final String base;

	NotificationLinks(NotificationProperties properties) {
		this.base = properties.linkBaseUrl();
	}

	/** The link for a notification; {@code secret} is the token to embed, if the kind has one. */
	String linkFor(NotificationKind kind, UUID userId, String orderId, String secret) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base);
		switch (kind) {
			case EMAIL_VERIFICATION -> uri.path("/verify-email").queryParam("userId", userId).queryParam("token", secret);
			case PASSWORD_RESET -> uri.path("/reset-password").queryParam("token", secret);
			case PASSWORD_CHANGED, DUPLICATE_REGISTRATION -> uri.path("/password-reset");
			case WELCOME -> uri.path("/");
			default -> uri.path("/orders/{orderId}");
		}
		return uri.encode().buildAndExpand(orderId == null ? "" : orderId).toUriString();
	}
}
