package dev.orderly.notifications;

/**
 * What a notification is about. Each kind has its templates in
 * {@code templates/notifications/<template>.subject.txt|.txt|.html} (and {@code .inapp.txt} for the
 * kinds shown in the app).
 */
enum NotificationKind {

	EMAIL_VERIFICATION("email-verification"), PASSWORD_RESET("password-reset"),
	PASSWORD_CHANGED("password-changed"), WELCOME("welcome"), DUPLICATE_REGISTRATION("duplicate-registration"), ORDER_PLACED("order-placed"),
	ORDER_CONFIRMED("order-confirmed"), ORDER_SHIPPED("order-shipped"), ORDER_DELIVERED("order-delivered"),
	ORDER_CANCELLED("order-cancelled");

	private final String template;

	NotificationKind(String template) {
		this.template = template;
	}

	String template() {
		return template;
	}
}
