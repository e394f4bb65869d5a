package dev.orderly.hardening;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.platform.web.ApiResponse;

/**
 * Test-only endpoints for the hardening tests while the business endpoints are built elsewhere:
 * one that needs the database, one that does not, one that takes a while, one that takes
 * credentials. Imported explicitly; never component-scanned.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HardeningProbes {

	static final String BASE = "/api/v1/hardening-probe";

	@Bean
	PublicEndpoints hardeningProbeEndpoints() {
		return new PublicEndpoints(null, List.of(BASE + "/database", BASE + "/static", BASE + "/slow", BASE + "/sign-in"));
	}

	@Bean
	SlowRequests slowRequests() {
		return new SlowRequests();
	}

	/** Lets a test hold a request in flight and release it when it wants. */
	public static final class SlowRequests {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);
	}

	record SignIn(String email, String password) {
	}

	/** Registered as a member of this configuration. */
	@RestController
	@RequestMapping(BASE)
	static class ProbeController {

		private static final Logger log = LoggerFactory.getLogger(ProbeController.class);

		private final JdbcClient jdbc;

		private final SlowRequests slow;

		ProbeController(JdbcClient jdbc, SlowRequests slow) {
			this.jdbc = jdbc;
			this.slow = slow;
		}

		@GetMapping("/database")
		ApiResponse<Integer> database() {
			return ApiResponse.of(jdbc.sql("SELECT 1").query(Integer.class).single());
		}

		@GetMapping("/static")
		ApiResponse<String> noDatabase() {
			return ApiResponse.of("ok");
		}

		@GetMapping("/thread")
		ApiResponse<Boolean> runsOnAVirtualThread() {
			return ApiResponse.of(Thread.currentThread().isVirtual());
		}

		@GetMapping("/me")
		ApiResponse<String> me(CurrentUser user) {
			log.info("Probe called by user {}", user.id());
			return ApiResponse.of(user.id().toString());
		}

		@GetMapping("/slow")
		ApiResponse<String> slow() throws InterruptedException {
			slow.entered.countDown();
			slow.release.await(30, TimeUnit.SECONDS);
			return ApiResponse.of("finished");
		}

		/** Logs what a careful controller logs about a sign-in: who, never the password. */
		@PostMapping("/sign-in")
		ApiResponse<String> signIn(@RequestBody SignIn signIn) {
			log.info("Sign-in attempt for {}", signIn.email());
			return ApiResponse.of(signIn.email());
		}
	}
}
