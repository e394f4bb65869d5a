package dev.orderly.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of {@code webhook-signature}, written from the Standard Webhooks 1.0
 * specification independently of the library the module signs with: HMAC-SHA256 of
 * {@code id.timestamp.body} under the base64-decoded secret (after {@code whsec_}), base64, prefixed
 * {@code v1,}; the header may hold several space-separated signatures.
 */
public final class StandardWebhooksVerifier {

	private StandardWebhooksVerifier() {
	}

	public static String signature(String secret, String id, String timestamp, String body) {
		try {
			byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether one of the header's signatures is the one {@code secret} makes. */
	public static boolean verifies(String header, String secret, String id, String timestamp, String body) {
		String expected = signature(secret, id, timestamp, body);
		return Arrays.asList(header.split(" ")).contains(expected);
	}
}
