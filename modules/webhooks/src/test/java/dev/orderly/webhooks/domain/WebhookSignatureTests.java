package dev.orderly.webhooks.domain;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.orderly.webhooks.StandardWebhooksVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	/** The published test vector of the Standard Webhooks specification's reference libraries. */
	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	static final long TIMESTAMP = 1614265330;

	static final String BODY = "{\"test\": 2432232314}";

	static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	@Test
	void signsTheSpecificationsTestVector() {
		assertThat(WebhookSignature.of(ID, TIMESTAMP, BODY, List.of(SECRET))).isEqualTo(EXPECTED);
	}

	@Test
	void agreesWithAnIndependentImplementation() {
		assertThat(StandardWebhooksVerifier.signature(SECRET, ID, Long.toString(TIMESTAMP), BODY)).isEqualTo(EXPECTED);
		String secret = SigningSecret.generate();
		String body = "{\"type\":\"order.placed\",\"data\":{\"name\":\"Zoë ✓\"}}";
		assertThat(WebhookSignature.of("msg_1", 1700000000, body, List.of(secret)))
			.isEqualTo(StandardWebhooksVerifier.signature(secret, "msg_1", "1700000000", body));
	}

	@Test
	void signsWithEverySecretSpaceSeparatedCurrentFirst() {
		String current = SigningSecret.generate();
		String previous = SigningSecret.generate();
		String header = WebhookSignature.of(ID, TIMESTAMP, BODY, List.of(current, previous));
		String[] signatures = header.split(" ");
		assertThat(signatures).hasSize(2);
		assertThat(signatures[0]).isEqualTo(StandardWebhooksVerifier.signature(current, ID, "1614265330", BODY));
		assertThat(signatures[1]).isEqualTo(StandardWebhooksVerifier.signature(previous, ID, "1614265330", BODY));
	}

	@Test
	void generatesSecretsOf32RandomBytes() {
		String secret = SigningSecret.generate();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
		assertThat(SigningSecret.generate()).isNotEqualTo(secret);
	}
}
