package dev.orderly.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.users.api.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auth module's requests, for its tests: a registered account (through the users API), login,
 * refresh, logout and password reset, and the few users requests whose effect on sessions auth
 * tests check.
 */
public final class AuthRequests {

	public static final String PASSWORD = "correct horse battery";

	private final RestTestClient http;

	private final UserAccounts accounts;

	public AuthRequests(RestTestClient http, UserAccounts accounts) {
		this.http = http;
		this.accounts = accounts;
	}

	public record Account(UUID id, String email) {
	}

	/** Registers an account with {@link #PASSWORD} through the users API. */
	public Account registered() {
		String email = "auth-" + UUID.randomUUID() + "@example.com";
		post("/api/v1/users", Map.of("email", email, "password", PASSWORD, "displayName", "Ann"))
			.expectStatus().isAccepted();
		// registration does not reveal the id (ADR 0016): ask the users API
		return new Account(accounts.findByEmail(email).orElseThrow().id(), email);
	}

	public RestTestClient.ResponseSpec login(Object body) {
		return post("/api/v1/auth/login", body);
	}

	public RestTestClient.ResponseSpec login(String email, String password) {
		return login(Map.of("email", email, "password", password));
	}

	/** Logs in (200); returns the response body: the access and the refresh token. */
	public String loggedIn(String email, String password) {
		return login(email, password).expectStatus().isOk().returnResult(String.class).getResponseBody();
	}

	public String loggedIn(Account account) {
		return loggedIn(account.email(), PASSWORD);
	}

	public RestTestClient.ResponseSpec refresh(String refreshToken) {
		return post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
	}

	public RestTestClient.ResponseSpec logout(String refreshToken) {
		return post("/api/v1/auth/logout", Map.of("refreshToken", refreshToken));
	}

	public RestTestClient.ResponseSpec requestReset(String email) {
		return post("/api/v1/auth/password-reset", Map.of("email", email));
	}

	/**
	 * Requests a password reset for the account (202) and returns the token that reached its mailbox.
	 * @param mailbox the last reset token per email, as the test's stand-in for the mail keeps them
	 */
	public String resetToken(Account account, Map<String, String> mailbox) {
		mailbox.remove(account.email());
		requestReset(account.email()).expectStatus().isAccepted();
		// issued after the answer, off the request thread (PasswordResets)
		return await("reset token mailed").atMost(Duration.ofSeconds(10))
			.until(() -> mailbox.get(account.email()), token -> token != null);
	}

	public RestTestClient.ResponseSpec confirmReset(String token, String newPassword) {
		return post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "newPassword", newPassword));
	}

	public RestTestClient.ResponseSpec me(String bearer) {
		return http.get().uri("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, bearer).exchange();
	}

	public RestTestClient.ResponseSpec changePassword(UUID userId, String bearer, String currentPassword,
			String newPassword) {
		return http.post().uri("/api/v1/users/{id}/change-password", userId)
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", currentPassword, "newPassword", newPassword))
			.exchange();
	}

	public RestTestClient.ResponseSpec delete(UUID userId, String bearer) {
		return http.delete().uri("/api/v1/users/{id}", userId).header(HttpHeaders.AUTHORIZATION, bearer).exchange();
	}

	public RestTestClient.ResponseSpec listUsers(String bearer) {
		return http.get().uri("/api/v1/users").header(HttpHeaders.AUTHORIZATION, bearer).exchange();
	}

	public RestTestClient.ResponseSpec changeRoles(UUID userId, String bearer, String... roles) {
		return http.put().uri("/api/v1/users/{id}/roles", userId)
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("roles", List.of(roles)))
			.exchange();
	}

	/** The access token of a login or refresh response. */
	public static String accessToken(String tokens) {
		return JsonPath.read(tokens, "$.data.accessToken");
	}

	/** The {@code Authorization} header value for the access token of a login or refresh response. */
	public static String bearer(String tokens) {
		return "Bearer " + accessToken(tokens);
	}

	/** The refresh token of a login or refresh response. */
	public static String refreshToken(String tokens) {
		return JsonPath.read(tokens, "$.data.refreshToken");
	}

	private RestTestClient.ResponseSpec post(String uri, Object body) {
		return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}
}
