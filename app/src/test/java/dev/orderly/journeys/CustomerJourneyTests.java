package dev.orderly.journeys;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.support.Journeys;
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

	@Autowired
	RestTestClient http;

	Journeys journeys;

	@BeforeEach
	void journeys() {
		journeys = new Journeys(http);
	}

	@Test
	void registersVerifiesLogsInOrdersAndCancelsWithEveryNotification() {
		String sku = journeys.productPricedByAdmin("JOURNEY", "Espresso beans 1 kg", 2450, "EUR");

		// register (202: the answer does not say whether the address was new) → verification email → verify
		Journeys.Customer jo = journeys.customer("Jo Journey", "Sunny-Meadow-Walk-42");
		jo.register()
			.expectStatus().isAccepted()
			.expectBody().jsonPath("$.data.email").isEqualTo(jo.email());
		jo.verifyEmail();

		// registering the address again answers the same, creates nothing and tells the owner
		journeys.register(jo.email().toUpperCase(), "Other-Meadow-Walk-43", "Mallory")
			.expectStatus().isAccepted()
			.expectBody().json("{\"data\":{\"email\":\"" + jo.email() + "\"}}", JsonCompareMode.STRICT);
		assertThat(jo.awaitEmail("Someone tried to register with your email address").body())
			.contains("Hello Jo Journey").contains("https://shop.example.test/password-reset");
		journeys.attemptLogin(jo.email(), "Other-Meadow-Walk-43").expectStatus().isUnauthorized();

		// login → order → confirmation email
		String orderId = jo.login().placeOrder(sku, 5, body -> body
			.jsonPath("$.data.subtotal").isEqualTo(12250)
			.jsonPath("$.data.discount").isEqualTo(1225)
			.jsonPath("$.data.total").isEqualTo(11025));
		assertThat(jo.awaitEmail("We received your order " + orderId).body()).contains(orderId);

		// cancel → cancellation email and in-app notification
		jo.cancel(orderId, "changed my mind")
			.expectStatus().isOk()
			.expectBody().jsonPath("$.data.status").isEqualTo("CANCELLED");
		assertThat(jo.awaitEmail("Your order " + orderId + " was cancelled").body()).contains("changed my mind");

		await().atMost(Journeys.EVENTUALLY).untilAsserted(() -> jo.notifications()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0].kind").isEqualTo("ORDER_CANCELLED")
			.jsonPath("$.data[0].read").isEqualTo(false));

		// the welcome email arrived too, and nothing was sent twice
		assertThat(TestMailServer.to(jo.email())).extracting(TestMailServer.Email::subject)
			.containsExactlyInAnyOrder("Welcome to Orderly", "Confirm your email address",
					"Someone tried to register with your email address",
					"We received your order " + orderId, "Your order " + orderId + " was cancelled");
	}
}
