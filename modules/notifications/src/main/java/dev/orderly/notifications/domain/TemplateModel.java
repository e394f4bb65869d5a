package dev.orderly.notifications.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the templates of one {@link NotificationKind} say, one record per kind. A record's components
 * are its templates' variables and, as text, the {@code params} stored with the notification (so
 * that an email can be rendered at send time, and an in-app notification shows them as its
 * {@code data}). Three variables come from the delivery instead ({@code NotificationTemplates.Delivery}):
 * the recipient's name where the event carries none, the token and the link that holds it — a token
 * is never part of a model, so it is never stored in {@code params}.
 * <p>
 * A template that names a variable its kind's model lacks fails to render (and
 * {@code NotificationTemplatesTests} checks every template against its model).
 */
public sealed interface TemplateModel {

	/** The kind whose templates render this model. */
	default NotificationKind kind() {
		return NotificationKind.of(getClass());
	}

	/** The components as text, by name: the stored {@code params} and the template variables. */
	default Map<String, String> params() {
		return Params.MAPPER.convertValue(this, Params.AS_TEXT);
	}

	/** Reads the model of a kind back from its stored {@code params}. */
	static TemplateModel of(NotificationKind kind, Map<String, String> params) {
		return Params.MAPPER.convertValue(params, kind.model());
	}

	record WelcomeEmail(String displayName) implements TemplateModel {
	}

	/**
	 * A notice to every administrator that another module asked for ({@code AdministratorNoticeRequested}):
	 * shown as written; {@code link} is a path of the API, or empty.
	 */
	record AdministratorNoticeModel(String title, String message, String severity, String source, String link)
			implements TemplateModel {
	}

	/** Someone tried to register the address of an existing account. */
	record DuplicateRegistrationEmail(String displayName, Instant attemptedAt) implements TemplateModel {
	}

	/** The verification code is the delivery's token, never part of the model. */
	record EmailVerificationEmail(String displayName, Instant expiresAt) implements TemplateModel {
	}

	record PasswordChangedEmail(String displayName, Instant changedAt) implements TemplateModel {
	}

	/** The reset code is the delivery's token, never part of the model. */
	record PasswordResetEmail(String displayName, Instant expiresAt) implements TemplateModel {
	}

	/**
	 * An order notification: sent by email and shown in the app; its {@code orderId} and {@code link}
	 * are part of the in-app notification's {@code data}.
	 */
	sealed interface OrderModel extends TemplateModel {

		UUID orderId();

		String link();
	}

	/** {@code total} is formatted money, e.g. {@code 13.50 EUR}. */
	record OrderPlacedModel(UUID orderId, String total, int itemCount, String link) implements OrderModel {
	}

	record OrderConfirmedModel(UUID orderId, String total, String link) implements OrderModel {
	}

	record OrderShippedModel(UUID orderId, String trackingNumber, String link) implements OrderModel {
	}

	record OrderDeliveredModel(UUID orderId, String link) implements OrderModel {
	}

	record OrderCancelledModel(UUID orderId, String reason, String total, String link) implements OrderModel {
	}

	/**
	 * The conversion between models and stored {@code params}: by component name, every value as
	 * text (instants in ISO-8601). Reading ignores a parameter the model does not know, so that a
	 * row stored by an earlier version can still be sent.
	 */
	final class Params {

		static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();

		static final TypeReference<Map<String, String>> AS_TEXT = new TypeReference<>() {
		};

		private Params() {
		}
	}
}
