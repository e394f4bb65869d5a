package dev.orderly.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The steps of app-level journeys over real HTTP, as a customer and an administrator take them:
 * price a product, register, verify the address from the email, log in, place and cancel orders.
 * Each step that a test asserts on hands back the response, so the test still says what it
 * expects; the steps it only passes through assert success themselves.
 */
public final class Journeys {

	/** The first administrator, created at start-up from the test profile's settings. */
	public static final String ADMIN_EMAIL = "admin@orderly.test";

	public static final String ADMIN_PASSWORD = "Correct-Horse-Battery-9";

	/** How long an email or a notification may take to arrive. */
	public static final Duration EVENTUALLY = Duration.ofSeconds(20);

	private static final Pattern CODE = Pattern.compile("Or enter this code: (\\S+)");

	private static final Pattern USER_ID = Pattern.compile("userId=([0-9a-f-]{36})");

	private final RestTestClient http;

	public Journeys(RestTestClient http) {
		this.http = http;
	}

	/** A product code no other test uses. */
	public static String uniqueSku(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Logs in and returns the access token; fails unless the login succeeds. */
	public String login(String email, String password) {
		byte[] body = attemptLogin(email, password).expectStatus().isOk()
			.expectBody().returnResult().getResponseBodyContent();
		return JsonPath.read(new String(body), "$.data.accessToken");
	}

	/** A login whose outcome the test asserts. */
	public RestTestClient.ResponseSpec attemptLogin(String email, String password) {
		return http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange();
	}

	/** The administrator prices a new product; returns its SKU. */
	public String productPricedByAdmin(String skuPrefix, String name, long unitPrice, String currency) {
		String sku = uniqueSku(skuPrefix);
		http.put().uri("/api/v1/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + login(ADMIN_EMAIL, ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "unitPrice", unitPrice, "currency", currency))
			.exchange()
			.expectStatus().isCreated();
		return sku;
	}

	/** A registration whose answer the test asserts. */
	public RestTestClient.ResponseSpec register(String email, String password, String displayName) {
		return http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password, "displayName", displayName))
			.exchange();
	}

	/** A customer at a fresh address, not registered yet. */
	public Customer customer(String displayName, String password) {
		return new Customer("journey-" + UUID.randomUUID() + "@example.com", password, displayName);
	}

	/** Waits for the first email to {@code to} with this subject. */
	public static TestMailServer.Email awaitEmail(String to, String subject) {
		return await().atMost(EVENTUALLY)
			.until(() -> TestMailServer.to(to).stream().filter(email -> email.subject().equals(subject)).findFirst(),
					Optional::isPresent)
			.orElseThrow();
	}

	/** A customer's steps; their id is known once they verified, their token once they logged in. */
	public final class Customer {

		private final String email;

		private final String password;

		private final String displayName;

		private String userId;

		private String token;

		Customer(String email, String password, String displayName) {
			this.email = email;
			this.password = password;
			this.displayName = displayName;
		}

		public String email() {
			return email;
		}

		public String userId() {
			return userId;
		}

		public RestTestClient.ResponseSpec register() {
			return Journeys.this.register(email, password, displayName);
		}

		/**
		 * Opens the verification email, takes the user id from its link and sends its code back;
		 * fails unless the address is then verified.
		 */
		public Customer verifyEmail() {
			String body = awaitEmail("Confirm your email address").body();
			Matcher code = CODE.matcher(body);
			assertThat(code.find()).as("verification code in the email").isTrue();
			Matcher link = USER_ID.matcher(body);
			assertThat(link.find()).as("user id in the verification link").isTrue();
			userId = link.group(1);
			http.post().uri("/api/v1/users/{id}/verify-email", userId).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("token", code.group(1)))
				.exchange()
				.expectStatus().isOk();
			return this;
		}

		public Customer login() {
			token = Journeys.this.login(email, password);
			return this;
		}

		/**
		 * Places an order of {@code quantity} times {@code sku} (with an idempotency key), asserts
		 * 201 and the test's {@code expectations} on the body, and returns the order's id.
		 */
		public String placeOrder(String sku, int quantity, Consumer<RestTestClient.BodyContentSpec> expectations) {
			RestTestClient.BodyContentSpec body = http.post().uri("/api/v1/orders")
				.header(HttpHeaders.AUTHORIZATION, bearer())
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("items", List.of(Map.of("sku", sku, "quantity", quantity)), "shippingAddress",
						Map.of("name", displayName, "line1", "1 Market Street", "city", "Lyon", "country", "FR")))
				.exchange()
				.expectStatus().isCreated()
				.expectBody();
			expectations.accept(body);
			return JsonPath.read(new String(body.returnResult().getResponseBodyContent()), "$.data.id");
		}

		/** A cancellation whose answer the test asserts. */
		public RestTestClient.ResponseSpec cancel(String orderId, String reason) {
			return http.post().uri("/api/v1/orders/{id}/cancel", orderId)
				.header(HttpHeaders.AUTHORIZATION, bearer())
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("reason", reason))
				.exchange();
		}

		/** The customer's in-app notifications, newest first. */
		public RestTestClient.ResponseSpec notifications() {
			return http.get().uri("/api/v1/users/{id}/notifications", userId)
				.header(HttpHeaders.AUTHORIZATION, bearer())
				.exchange();
		}

		public TestMailServer.Email awaitEmail(String subject) {
			return Journeys.awaitEmail(email, subject);
		}

		private String bearer() {
			assertThat(token).as("logged in").isNotNull();
			return "Bearer " + token;
		}
	}
}
