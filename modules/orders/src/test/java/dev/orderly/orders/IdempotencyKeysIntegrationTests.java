package dev.orderly.orders;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idempotency key store: expiry, abandoned claims, clean-up. */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class IdempotencyKeysIntegrationTests {

	@Autowired
	IdempotencyKeys keys;

	@Autowired
	JdbcClient jdbc;

	// Test instances may be shared between methods: every test uses keys of its own.
	final UUID user = UUID.randomUUID();

	static final String HASH = "a".repeat(64);

	void insert(String key, String status, String updatedAgo, String expiresIn) {
		jdbc.sql("""
				INSERT INTO orders.idempotency_keys (user_id, idempotency_key, request_hash, claim_id, status,
				  response_status, response_body, created_at, updated_at, expires_at)
				VALUES (:user, :key, :hash, :claim, :status, 201, '{}', now() - CAST(:ago AS interval),
				  now() - CAST(:ago AS interval), now() + CAST(:expires AS interval))""")
			.param("user", user).param("key", key).param("hash", HASH).param("claim", UUID.randomUUID())
			.param("status", status).param("ago", updatedAgo).param("expires", expiresIn)
			.update();
	}

	@Test
	void claimsAnExpiredKeyAfreshEvenForAnotherBody() {
		insert("expired", "COMPLETED", "25 hours", "-1 hour");
		IdempotencyKeys.Claim claim = keys.claim(user, "expired", "b".repeat(64));
		assertThat(claim.replay()).isEmpty();
		assertThat(claim.claimId()).isNotNull();
	}

	@Test
	void takesOverAnAbandonedClaimOfTheSameRequestOnly() {
		insert("abandoned", "IN_PROGRESS", "10 minutes", "23 hours");
		assertThatThrownBy(() -> keys.claim(user, "abandoned", "b".repeat(64))).isInstanceOf(ApiException.class)
			.extracting(ex -> ((ApiException) ex).code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat(keys.claim(user, "abandoned", HASH).replay()).isEmpty();
		insert("fresh", "IN_PROGRESS", "1 second", "23 hours");
		assertThatThrownBy(() -> keys.claim(user, "fresh", HASH)).isInstanceOf(ApiException.class)
			.extracting(ex -> ((ApiException) ex).code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
	}

	@Test
	void neverCompletesAClaimThatWasTakenOver() {
		IdempotencyKeys.Claim first = keys.claim(user, "taken", HASH);
		jdbc.sql("UPDATE orders.idempotency_keys SET claim_id = :other WHERE user_id = :user AND idempotency_key = 'taken'")
			.param("other", UUID.randomUUID()).param("user", user).update();
		assertThatThrownBy(() -> keys.complete(user, "taken", first.claimId(), 201, "{}", null))
			.isInstanceOf(ApiException.class)
			.extracting(ex -> ((ApiException) ex).code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
	}

	@Test
	void cleansUpExpiredKeysOnly() {
		insert("old", "COMPLETED", "25 hours", "-1 hour");
		insert("young", "COMPLETED", "1 hour", "23 hours");
		assertThat(keys.deleteExpired()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT idempotency_key FROM orders.idempotency_keys
				WHERE user_id = :user AND idempotency_key IN ('old', 'young')""")
			.param("user", user).query(String.class).list()).containsExactly("young");
	}
}
