package dev.orderly.notifications.application;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import dev.orderly.notifications.NotificationProperties;
import dev.orderly.notifications.domain.TemplateModel.AdministratorNoticeModel;
import dev.orderly.notifications.domain.TemplateModel.DuplicateRegistrationEmail;
import dev.orderly.notifications.domain.TemplateModel.EmailVerificationEmail;
import dev.orderly.notifications.domain.TemplateModel.OrderModel;
import dev.orderly.notifications.domain.TemplateModel.PasswordChangedEmail;
import dev.orderly.notifications.domain.TemplateModel.PasswordResetEmail;
import dev.orderly.notifications.domain.TemplateModel.WelcomeEmail;
import dev.orderly.notifications.domain.TemplateModel;

/** Links in notifications, all under {@code orderly.notifications.link-base-url}. */
@Component
class NotificationLinks {

	private final String base;

	NotificationLinks(NotificationProperties properties) {
		this.base = properties.linkBaseUrl();
	}

	/** The link of a notification to {@code userId}; {@code token} is the one to embed, if its kind has one. */
	String linkFor(TemplateModel model, UUID userId, String token) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base);
		return switch (model) {
			case EmailVerificationEmail m ->
				expand(uri.path("/verify-email").queryParam("userId", userId).queryParam("token", token));
			case PasswordResetEmail m -> expand(uri.path("/reset-password").queryParam("token", token));
			case PasswordChangedEmail m -> expand(uri.path("/password-reset"));
			case DuplicateRegistrationEmail m -> expand(uri.path("/password-reset"));
			case WelcomeEmail m -> expand(uri.path("/"));
			case OrderModel m -> order(m.orderId());
			// a path of the API the notice names (e.g. the disabled webhook endpoint), else the start page
			case AdministratorNoticeModel m -> expand(uri.path(m.link().isEmpty() ? "/" : m.link()));
		};
	}

	/** The page of an order. */
	String order(UUID orderId) {
		return expand(UriComponentsBuilder.fromUriString(base).path("/orders/{orderId}"), orderId);
	}

	private static String expand(UriComponentsBuilder uri, Object... variables) {
		return uri.encode().buildAndExpand(variables).toUriString();
	}
}
