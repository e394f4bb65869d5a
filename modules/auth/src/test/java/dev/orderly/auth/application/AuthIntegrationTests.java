package dev.orderly.auth.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;


import dev.orderly.auth.AuthProperties;
import dev.orderly.auth.AuthRequests;
import dev.orderly.auth.domain.OpaqueTokens;
import dev.orderly.auth.domain.RefreshToken;
import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.auth.persistence.RefreshTokens;
import dev.orderly.auth.persistence.SigningKeys;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRolesChanged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth with users (its direct dependency): the events auth publishes, and how it reacts to the
 * events of users.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@WithTestDatabase
class AuthIntegrationTests {

	@Autowired
	PasswordResets passwordResets;

	@Autowired
	RefreshTokens refreshTokens;

	@Autowired
	RestTestClient http;

	@Autowired
	UserAccounts accounts;


	UUID userWithSessions(int sessions) {
		UUID userId = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		for (int i = 0; i < sessions; i++) {
			refreshTokens.insert(RefreshToken.startFamily(userId, now, java.time.Duration.ofDays(30)),
					OpaqueTokens.hash(OpaqueTokens.generate()));
		}
		return userId;
	}

	@Test
	void aPasswordResetRequestForAnAccountPublishesPasswordResetRequested(Scenario scenario) {
		AuthRequests.Account account = new AuthRequests(http, accounts).registered();
		String email = account.email();
		UUID userId = account.id();
		scenario.stimulate(() -> passwordResets.request(email.toUpperCase()))
			.andWaitForEventOfType(PasswordResetRequested.class)
			.matching(event -> event.userId().equals(userId))
			.toArriveAndVerify(event -> {
				assertThat(event.email()).isEqualTo(email);
				assertThat(event.token()).hasSize(43);
				assertThat(event.expiresAt()).isAfter(Instant.now().plusSeconds(29 * 60));
			});
	}

	@Test
	void aPasswordChangeEndsTheUsersSessions(Scenario scenario) {
		UUID userId = userWithSessions(2);
		scenario.publish(new PasswordChanged(userId, "a@example.com", "Ann", Instant.now()))
			.andWaitForStateChange(() -> refreshTokens.countLive(userId), live -> live == 0)
			.andVerify(live -> assertThat(live).isZero());
	}

	@Test
	void aDeletionEndsTheUsersSessions(Scenario scenario) {
		UUID userId = userWithSessions(1);
		scenario.publish(new UserDeleted(userId, Instant.now()))
			.andWaitForStateChange(() -> refreshTokens.countLive(userId), live -> live == 0)
			.andVerify(live -> assertThat(live).isZero());
	}

	@Test
	void aRoleChangeEndsTheUsersSessions(Scenario scenario) {
		UUID userId = userWithSessions(1);
		scenario.publish(new UserRolesChanged(userId, Set.of("USER", "ADMIN"), Instant.now()))
			.andWaitForStateChange(() -> refreshTokens.countLive(userId), live -> live == 0)
			.andVerify(live -> assertThat(live).isZero());
	}

	@Test
	void sessionsThatBeganAfterAPasswordChangeSurviveItsLateDelivery(@Autowired Sessions sessions) {
		UUID userId = userWithSessions(1);
		sessions.endSessionsOf(userId, Instant.now().minusSeconds(60));
		assertThat(refreshTokens.countLive(userId)).isEqualTo(1);
		sessions.endSessionsOf(userId, Instant.now());
		assertThat(refreshTokens.countLive(userId)).isZero();
	}

	@Test
	void instancesStartingTogetherShareOneGeneratedSigningKey(@Autowired JdbcClient jdbc,
			@Autowired TransactionTemplate transactions, @Autowired SigningKeys running) {
		AuthProperties unconfigured = new AuthProperties(null, null, null, null, null, null);
		SigningKeys second = new SigningKeys(unconfigured, jdbc, transactions, Clock.systemUTC());
		SigningKeys third = new SigningKeys(unconfigured, jdbc, transactions, Clock.systemUTC());
		assertThat(second.signingKey().getKeyID()).isEqualTo(running.signingKey().getKeyID())
			.isEqualTo(third.signingKey().getKeyID());
		assertThat(jdbc.sql("SELECT count(*) FROM auth.signing_keys").query(Long.class).single()).isEqualTo(1);
	}
}
