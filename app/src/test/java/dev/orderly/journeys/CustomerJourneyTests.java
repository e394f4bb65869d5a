package dev.orderly.journeys;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.support.OrderlyAppTest;
import dev.orderly.support.TestMailServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application, across all four modules, over real HTTP: what a customer does from
 * sign-up to a cancelled order, and the emails and in-app notifications that follow.
 */
@OrderlyAppTest
class CustomerJourneyTests {

	static final Pattern CODE = Pattern.compile("Or enter this code: (\\S+)");

	static final Pattern USER_ID = Pattern.compile("userId=([0-9a-f-]{36})");

	@Autowired
	RestTestClient http;

	@Test
	void registersVerifiesLogsInOrdersAndCancelsWithEveryNotification() {
		String sku = "JOURNEY-" + UUID.randomUUID().toString().substring(0, 8);
		String admin = login("admin@orderly.test", "Correct-Horse-Battery-9");
		http.put().uri("/api/v1/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Espresso beans 1 kg", "unitPrice", 2450, "currency", "EUR"))
			.exchange()
			.expectStatus().isCreated();

		// register (202: the answer does not say whether the address was new) → verification email → verify
		String email = "journey-" + UUID.randomUUID() + "@example.com";
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", "Sunny-Meadow-Walk-42", "displayName", "Jo Journey"))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.data.email").isEqualTo(email);

		TestMailServer.Email verification = awaitEmail(email, "Confirm your email address");
		Matcher code = CODE.matcher(verification.body());
		assertThat(code.find()).as("verification code in the email").isTrue();
		Matcher link = USER_ID.matcher(verification.body());
		assertThat(link.find()).as("user id in the verification link").isTrue();
		String userId = link.group(1);
		http.post().uri("/api/v1/users/{id}/verify-email", userId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("token", code.group(1)))
			.exchange()
			.expectStatus().isOk();

		// registering the address again answers the same, creates nothing and tells the owner
		http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email.toUpperCase(), "password", "Other-Meadow-Walk-43", "displayName", "Mallory"))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody().json("{\"data\":{\"email\":\"" + email + "\"}}", JsonCompareMode.STRICT);
		assertThat(awaitEmail(email, "Someone tried to register with your email address").body())
			.contains("Hello Jo Journey").contains("https://shop.example.test/password-reset");
		http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", "Other-Meadow-Walk-43"))
			.exchange()
			.expectStatus().isUnauthorized();

		// login → order → confirmation email
		String token = login(email, "Sunny-Meadow-Walk-42");
		String orderId = http.post().uri("/api/v1/orders")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("items", List.of(Map.of("sku", sku, "quantity", 5)), "shippingAddress",
					Map.of("name", "Jo Journey", "line1", "1 Market Street", "city", "Lyon", "country", "FR")))
			.exchange()
			.expectStatus().isCreated()
			.expectBody()
			.jsonPath("$.data.subtotal").isEqualTo(12250)
			.jsonPath("$.data.discount").isEqualTo(1225)
			.jsonPath("$.data.total").isEqualTo(11025)
			.returnResult().getResponseBodyContent() instanceof byte[] body
					? com.jayway.jsonpath.JsonPath.read(new String(body), "$.data.id") : null;
		assertThat(awaitEmail(email, "We received your order " + orderId).body()).contains(orderId);

		// cancel → cancellation email and in-app notification
		http.post().uri("/api/v1/orders/{id}/cancel", orderId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("reason", "changed my mind"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.status").isEqualTo("CANCELLED");
		assertThat(awaitEmail(email, "Your order " + orderId + " was cancelled").body()).contains("changed my mind");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get()
			.uri("/api/v1/users/{id}/notifications", userId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0].kind").isEqualTo("ORDER_CANCELLED")
			.jsonPath("$.data[0].read").isEqualTo(false));

		// the welcome email arrived too, and nothing was sent twice
		assertThat(TestMailServer.to(email)).extracting(TestMailServer.Email::subject)
			.containsExactlyInAnyOrder("Welcome to Orderly", "Confirm your email address",
					"Someone tried to register with your email address",
					"We received your order " + orderId, "Your order " + orderId + " was cancelled");
	}

	private String login(String email, String password) {
		byte[] body = http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBodyContent();
		return com.jayway.jsonpath.JsonPath.read(new String(body), "$.data.accessToken");
	}

	private static TestMailServer.Email awaitEmail(String to, String subject) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> TestMailServer.to(to).stream().filter(email -> email.subject().equals(subject)).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}
}
