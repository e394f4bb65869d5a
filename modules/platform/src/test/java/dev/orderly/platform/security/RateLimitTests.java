package dev.orderly.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.test.ApiContract;
import dev.orderly.platform.test.TestTokens;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.web.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits over real HTTP with tiny limits. The test client sits behind a "trusted proxy"
 * (loopback), so each test can play callers at addresses of its own through
 * {@code X-Forwarded-For} and never shares a bucket with another test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"orderly.test.rate-limit.enabled=true", "orderly.web.trusted-proxies=127.0.0.1,::1",
		"orderly.rate-limit.api.capacity=5", "orderly.rate-limit.api.window=2s",
		"orderly.rate-limit.login.capacity=4", "orderly.rate-limit.login.window=1h",
		"orderly.rate-limit.login-account.capacity=2", "orderly.rate-limit.login-account.window=1h",
		"orderly.rate-limit.registration.capacity=2", "orderly.rate-limit.registration.window=1h",
		"orderly.rate-limit.password-reset.capacity=2", "orderly.rate-limit.password-reset.window=1h",
		"orderly.rate-limit.verification-email.capacity=1", "orderly.rate-limit.verification-email.window=1h",
		// Stand-ins at real API paths answer as the limiter needs, not as the API does.
		ApiContract.ENABLED + "=false" })
@AutoConfigureRestTestClient
@WithTestDatabase
@Import({ TestTokensConfiguration.class, RateLimitTests.Probes.class })
class RateLimitTests {

	static final String PASSWORD = "correct horse battery staple";

	@TestConfiguration(proxyBeanMethods = false)
	static class Probes {

		@Bean
		PublicEndpoints rateLimitProbeEndpoints() {
			return new PublicEndpoints(null, List.of("/api/v1/rate-limit-probe", "/api/v1/auth/login", "/api/v1/users",
					"/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm"));
		}

		/** The policies auth and users declare for these paths (their defaults; the properties above win). */
		@Bean
		RateLimitPolicy loginRateLimit() {
			return RateLimitPolicy.post("login", 20, Duration.ofMinutes(1), "/api/v1/auth/login")
				.perAccount("login-account", 5, Duration.ofMinutes(5));
		}

		@Bean
		RateLimitPolicy passwordResetRateLimit() {
			return RateLimitPolicy.post("password-reset", 10, Duration.ofHours(1), "/api/v1/auth/password-reset",
					"/api/v1/auth/password-reset/confirm");
		}

		@Bean
		RateLimitPolicy registrationRateLimit() {
			return RateLimitPolicy.post("registration", 20, Duration.ofHours(1), "/api/v1/users");
		}

		@Bean
		RateLimitPolicy verificationEmailRateLimit() {
			return RateLimitPolicy.post("verification-email", 5, Duration.ofHours(1),
					"/api/v1/users/*/verification-email");
		}

		@Bean
		ProbeController rateLimitProbeController() {
			return new ProbeController();
		}

		/** The application's registry comes from actuator, which the platform does not have. */
		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}
	}

	@RestController
	static class ProbeController {

		@GetMapping("/api/v1/rate-limit-probe")
		ApiResponse<String> probe() {
			return ApiResponse.of("ok");
		}

		/** Stands in for the auth module: the body must still be readable after the limiter read it. */
		@PostMapping("/api/v1/auth/login")
		ApiResponse<String> login(@RequestBody Map<String, String> credentials) {
			if (!PASSWORD.equals(credentials.get("password"))) {
				throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "Invalid e-mail or password");
			}
			return ApiResponse.of(credentials.get("email"));
		}

		@PostMapping("/api/v1/users")
		ApiResponse<String> register() {
			return ApiResponse.of("registered");
		}

		@PostMapping({ "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm" })
		@ResponseStatus(HttpStatus.ACCEPTED)
		void passwordReset() {
		}

		@PostMapping("/api/v1/users/{id}/verification-email")
		@ResponseStatus(HttpStatus.ACCEPTED)
		void resendVerification(@PathVariable UUID id, CurrentUser user) {
		}
	}

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	SimpleMeterRegistry meters;

	@Test
	void limitsAnonymousCallersPerAddressWithRetryAfterAndRateLimitHeaders() {
		double rejectedBefore = meters.get("orderly.ratelimit.rejected").tag("policy", "default").counter().count();
		String address = randomAddress();
		for (int i = 0; i < 5; i++) {
			http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
				.exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("RateLimit-Policy", "\"default\";q=5;w=2")
				.expectHeader().valueMatches("RateLimit", "\"default\";r=" + (4 - i) + ";t=\\d+");
		}
		http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().valueMatches(HttpHeaders.RETRY_AFTER, "[1-9]\\d*")
			.expectHeader().valueEquals("RateLimit-Policy", "\"default\";q=5;w=2")
			.expectHeader().valueMatches("RateLimit", "\"default\";r=0;t=[1-9]\\d*")
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("RATE_LIMITED")
			.jsonPath("$.error.requestId").isNotEmpty();
		assertThat(meters.get("orderly.ratelimit.rejected").tag("policy", "default").counter().count())
			.as("rejections counted per policy").isGreaterThanOrEqualTo(rejectedBefore + 1);
		// another caller is not affected
		http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", randomAddress())
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void letsTheCallerInAgainAfterRetryAfter() {
		String address = randomAddress();
		for (int i = 0; i < 5; i++) {
			http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address).exchange();
		}
		String retryAfter = http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
			.exchange()
			.expectStatus().isEqualTo(429)
			.returnResult(String.class).getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(Long.parseLong(retryAfter)).isBetween(1L, 2L);
		await().atMost(Duration.ofSeconds(Long.parseLong(retryAfter) + 3)).pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
				.exchange()
				.expectStatus().isOk());
	}

	@Test
	void limitsAuthenticatedCallersPerUserNotPerAddress() {
		String address = randomAddress();
		String alice = tokens.bearer(UUID.randomUUID());
		for (int i = 0; i < 5; i++) {
			http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
				.header(HttpHeaders.AUTHORIZATION, alice)
				.exchange()
				.expectStatus().isOk();
		}
		http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
			.header(HttpHeaders.AUTHORIZATION, alice)
			.exchange()
			.expectStatus().isEqualTo(429);
		// same address, other user: own bucket; and the address itself was never charged
		http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(UUID.randomUUID()))
			.exchange()
			.expectStatus().isOk();
		http.get().uri("/api/v1/rate-limit-probe").header("X-Forwarded-For", address)
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void limitsLoginPerAddressMoreStrictly() {
		String address = randomAddress();
		for (int i = 0; i < 4; i++) {
			login(address, randomEmail(), "wrong").expectStatus().isUnauthorized()
				.expectBody().jsonPath("$.error.code").isEqualTo("INVALID_CREDENTIALS");
		}
		login(address, randomEmail(), PASSWORD)
			.expectStatus().isEqualTo(429)
			.expectHeader().valueMatches("RateLimit-Policy", ".*\"login\";q=4;w=3600.*")
			.expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
	}

	@Test
	void limitsFailedLoginsPerAccountAndAddressWithoutLockingTheOwnerOut() {
		String victim = randomEmail();
		String attacker = randomAddress();
		login(attacker, victim, "guess-1").expectStatus().isUnauthorized();
		login(attacker, victim, "guess-2").expectStatus().isUnauthorized();
		login(attacker, victim.toUpperCase(), "guess-3")
			.expectStatus().isEqualTo(429)
			.expectHeader().valueMatches("RateLimit-Policy", ".*\"login-account\";q=2;w=3600.*")
			.expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
		// the owner, from their own address, still gets in — and again: successes are not counted
		String owner = randomAddress();
		for (int i = 0; i < 3; i++) {
			login(owner, victim, PASSWORD).expectStatus().isOk()
				.expectBody().jsonPath("$.data").isEqualTo(victim);
		}
	}

	@Test
	void limitsRegistrationPerAddress() {
		String address = randomAddress();
		for (int i = 0; i < 2; i++) {
			http.post().uri("/api/v1/users").header("X-Forwarded-For", address)
				.contentType(MediaType.APPLICATION_JSON).body("{}")
				.exchange()
				.expectStatus().isOk();
		}
		http.post().uri("/api/v1/users").header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON).body("{}")
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
	}

	@Test
	void limitsPasswordResetRequestsAndConfirmationsTogetherPerAddress() {
		String address = randomAddress();
		for (String path : List.of("/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm")) {
			http.post().uri(path).header("X-Forwarded-For", address)
				.contentType(MediaType.APPLICATION_JSON).body("{}")
				.exchange()
				.expectStatus().isAccepted();
		}
		http.post().uri("/api/v1/auth/password-reset").header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON).body("{}")
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().valueMatches("RateLimit-Policy", ".*\"password-reset\";q=2;w=3600.*")
			.expectBody().jsonPath("$.error.code").isEqualTo("RATE_LIMITED");
	}

	@Test
	void limitsVerificationEmailsPerUser() {
		UUID id = UUID.randomUUID();
		String user = tokens.bearer(id);
		String address = randomAddress();
		http.post().uri("/api/v1/users/{id}/verification-email", id).header("X-Forwarded-For", address)
			.header(HttpHeaders.AUTHORIZATION, user)
			.exchange()
			.expectStatus().isAccepted();
		http.post().uri("/api/v1/users/{id}/verification-email", id).header("X-Forwarded-For", randomAddress())
			.header(HttpHeaders.AUTHORIZATION, user)
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().valueMatches("RateLimit-Policy", ".*\"verification-email\";q=1;w=3600.*");
		// the limit is the user's, not the address's
		UUID other = UUID.randomUUID();
		http.post().uri("/api/v1/users/{id}/verification-email", other).header("X-Forwarded-For", address)
			.header(HttpHeaders.AUTHORIZATION, tokens.bearer(other))
			.exchange()
			.expectStatus().isAccepted();
	}

	@Test
	void neverLimitsHealthProbes() {
		String address = randomAddress();
		for (int i = 0; i < 8; i++) {
			http.get().uri("/actuator/health").header("X-Forwarded-For", address)
				.exchange()
				.expectHeader().doesNotExist("RateLimit");
		}
	}

	private RestTestClient.ResponseSpec login(String address, String email, String password) {
		return http.post().uri("/api/v1/auth/login").header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", email, "password", password))
			.exchange();
	}

	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "2001:db8:%x:%x::%x".formatted(random.nextInt(0xffff), random.nextInt(0xffff), random.nextInt(0xffff));
	}

	private static String randomEmail() {
		return "user-" + UUID.randomUUID() + "@example.com";
	}
}
