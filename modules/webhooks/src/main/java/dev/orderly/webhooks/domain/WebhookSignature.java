package dev.orderly.webhooks.domain;

import java.util.List;
import java.util.stream.Collectors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * The {@code webhook-signature} header of Standard Webhooks 1.0, made with the reference Java
 * library ({@code com.standardwebhooks:standardwebhooks}): {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body} under each secret, space-separated (two during a rotation's grace period).
 */
public final class WebhookSignature {

	private WebhookSignature() {
	}

	/**
	 * @param webhookId the {@code webhook-id} header
	 * @param timestamp the {@code webhook-timestamp} header, Unix seconds
	 * @param body the exact body sent
	 * @param secrets {@code whsec_} secrets, current first
	 */
	public static String of(String webhookId, long timestamp, String body, List<String> secrets) {
		return secrets.stream().map(secret -> sign(secret, webhookId, timestamp, body)).collect(Collectors.joining(" "));
	}

	private static String sign(String secret, String webhookId, long timestamp, String body) {
		try {
			return new Webhook(secret).sign(webhookId, timestamp, body);
		}
		catch (WebhookSigningException | EmptyWebhookSecretException ex) {
			throw new IllegalStateException("Cannot sign with an endpoint secret: " + ex.getClass().getSimpleName());
		}
	}
}
