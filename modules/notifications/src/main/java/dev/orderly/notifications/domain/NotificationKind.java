package dev.orderly.notifications.domain;

import java.util.Arrays;

import dev.orderly.notifications.domain.TemplateModel.AdministratorNoticeModel;
import dev.orderly.notifications.domain.TemplateModel.DuplicateRegistrationEmail;
import dev.orderly.notifications.domain.TemplateModel.EmailVerificationEmail;
import dev.orderly.notifications.domain.TemplateModel.OrderCancelledModel;
import dev.orderly.notifications.domain.TemplateModel.OrderConfirmedModel;
import dev.orderly.notifications.domain.TemplateModel.OrderDeliveredModel;
import dev.orderly.notifications.domain.TemplateModel.OrderPlacedModel;
import dev.orderly.notifications.domain.TemplateModel.OrderShippedModel;
import dev.orderly.notifications.domain.TemplateModel.PasswordChangedEmail;
import dev.orderly.notifications.domain.TemplateModel.PasswordResetEmail;
import dev.orderly.notifications.domain.TemplateModel.WelcomeEmail;

/**
 * What a notification is about. Each kind has its templates in
 * {@code templates/notifications/<template>.subject.txt|.txt|.html} (and {@code .inapp.txt} for the
 * kinds shown in the app) and one {@link TemplateModel} record that holds their variables.
 */
public enum NotificationKind {

	EMAIL_VERIFICATION("email-verification", EmailVerificationEmail.class),
	PASSWORD_RESET("password-reset", PasswordResetEmail.class),
	PASSWORD_CHANGED("password-changed", PasswordChangedEmail.class),
	WELCOME("welcome", WelcomeEmail.class),
	DUPLICATE_REGISTRATION("duplicate-registration", DuplicateRegistrationEmail.class),
	ORDER_PLACED("order-placed", OrderPlacedModel.class),
	ORDER_CONFIRMED("order-confirmed", OrderConfirmedModel.class),
	ORDER_SHIPPED("order-shipped", OrderShippedModel.class),
	ORDER_DELIVERED("order-delivered", OrderDeliveredModel.class),
	ORDER_CANCELLED("order-cancelled", OrderCancelledModel.class),
	/** In-app only, for every administrator ({@code AdministratorNoticeRequested}). */
	ADMINISTRATOR_NOTICE("administrator-notice", AdministratorNoticeModel.class);

	private final String template;

	private final Class<? extends TemplateModel> model;

	NotificationKind(String template, Class<? extends TemplateModel> model) {
		this.template = template;
		this.model = model;
	}

	public String template() {
		return template;
	}

	public Class<? extends TemplateModel> model() {
		return model;
	}

	/** The kind whose model is {@code modelType}. */
	static NotificationKind of(Class<? extends TemplateModel> modelType) {
		return Arrays.stream(values())
			.filter(kind -> kind.model == modelType)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No notification kind for " + modelType.getSimpleName()));
	}
}
