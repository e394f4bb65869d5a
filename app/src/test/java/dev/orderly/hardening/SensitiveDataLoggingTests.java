package dev.orderly.hardening;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.orderly.platform.test.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password and no token reaches a log line, on success or on any error path, with our own
 * code logging at DEBUG.
 */
@HardeningTest
@ExtendWith(OutputCaptureExtension.class)
class SensitiveDataLoggingTests {

	@Autowired
	RestTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void logsNeitherPasswordsNorTokens(CapturedOutput output) {
		String password = "Pw-" + UUID.randomUUID();
		String email = "someone-" + UUID.randomUUID() + "@example.com";
		String token = tokens.forUser(UUID.randomUUID());
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "Zm9yZ2Vk";

		// success, with a token and a password
		http.post().uri(HardeningProbes.BASE + "/sign-in").contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
			.exchange()
			.expectStatus().isOk();
		// a forged token
		http.get().uri(HardeningProbes.BASE + "/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)
			.exchange()
			.expectStatus().isUnauthorized();
		// malformed JSON and an unknown property next to the password
		http.post().uri(HardeningProbes.BASE + "/sign-in").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"")
			.exchange()
			.expectStatus().isBadRequest();
		http.post().uri(HardeningProbes.BASE + "/sign-in").contentType(MediaType.APPLICATION_JSON)
			.body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"admin\":true}")
			.exchange()
			.expectStatus().isBadRequest();

		assertThat(output.getAll()).contains("Sign-in attempt for " + email)
			.doesNotContain(password)
			.doesNotContain(token)
			.doesNotContain(forged)
			.doesNotContain(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
	}
}
