package dev.orderly.orders.persistence;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.domain.IdempotencyKeyInUse;
import dev.orderly.orders.domain.IdempotencyKeyReused;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idempotency key store: locked by the placing transaction, replay, expiry, clean-up. */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class IdempotencyKeysIntegrationTests {

	@Autowired
	IdempotencyKeys keys;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	// Test instances may be shared between methods: every test uses keys of its own.
	final UUID user = UUID.randomUUID();

	static final String HASH = "a".repeat(64);

	UUID order() {
		UUID orderId = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO orders.orders (id, user_id, status, subtotal, discount, total, currency, shipping_name,
				  shipping_line1, shipping_city, shipping_country, version, created_at, updated_at)
				VALUES (:id, :user, 'PLACED', 100, 0, 100, 'EUR', 'A', 'B', 'C', 'DE', 0, now(), now())""")
			.param("id", orderId).param("user", user).update();
		return orderId;
	}

	void insert(String key, String createdAgo, String expiresIn) {
		UUID orderId = order();
		jdbc.sql("""
				INSERT INTO orders.idempotency_keys (user_id, idempotency_key, request_hash, response_status,
				  response_body, order_id, created_at, updated_at, expires_at)
				VALUES (:user, :key, :hash, 201, '{"stored":true}', :order, now() - CAST(:ago AS interval),
				  now() - CAST(:ago AS interval), now() + CAST(:expires AS interval))""")
			.param("user", user).param("key", key).param("hash", HASH).param("order", orderId)
			.param("ago", createdAgo).param("expires", expiresIn)
			.update();
	}

	Optional<IdempotencyKeys.StoredResponse> lockOrReplay(String key, String hash) {
		return transactions.execute(status -> keys.lockOrReplay(user, key, hash));
	}

	@Test
	void replaysAStoredKeyForTheSameRequestAndRefusesAnotherOne() {
		insert("stored", "1 hour", "23 hours");
		assertThat(lockOrReplay("stored", HASH)).get()
			.satisfies(stored -> assertThat(stored.body()).isEqualTo("{\"stored\":true}"))
			.satisfies(stored -> assertThat(stored.status()).isEqualTo(201));
		assertThatThrownBy(() -> lockOrReplay("stored", "b".repeat(64))).isInstanceOf(IdempotencyKeyReused.class);
	}

	@Test
	void treatsAnExpiredKeyAsNewEvenForAnotherBodyAndReplacesIt() {
		insert("expired", "25 hours", "-1 hour");
		UUID orderId = jdbc.sql("SELECT order_id FROM orders.idempotency_keys WHERE user_id = :u AND idempotency_key = 'expired'")
			.param("u", user).query(UUID.class).single();
		transactions.executeWithoutResult(status -> {
			assertThat(keys.lockOrReplay(user, "expired", "b".repeat(64))).isEmpty();
			keys.record(user, "expired", "b".repeat(64), 201, "{\"fresh\":true}", orderId);
		});
		assertThat(lockOrReplay("expired", "b".repeat(64))).get()
			.satisfies(stored -> assertThat(stored.body()).isEqualTo("{\"fresh\":true}"));
	}

	@Test
	void reportsAKeyLockedByAnotherTransactionAsInUseAndReplaysItOnceThatCommitted() throws Exception {
		UUID orderId = order();
		CountDownLatch recorded = new CountDownLatch(1);
		CountDownLatch refused = new CountDownLatch(1);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			Future<?> placing = other.submit(() -> transactions.executeWithoutResult(status -> {
				assertThat(keys.lockOrReplay(user, "held", HASH)).isEmpty();
				keys.record(user, "held", HASH, 201, "{\"first\":true}", orderId);
				recorded.countDown();
				awaitLatch(refused);
			}));
			assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
			assertThatThrownBy(() -> lockOrReplay("held", HASH)).isInstanceOf(IdempotencyKeyInUse.class);
			refused.countDown();
			placing.get(10, TimeUnit.SECONDS);
		}
		finally {
			refused.countDown();
			other.shutdownNow();
		}
		// the lookup runs after the lock was taken: it sees what the previous holder committed
		assertThat(lockOrReplay("held", HASH)).get()
			.satisfies(stored -> assertThat(stored.body()).isEqualTo("{\"first\":true}"))
			.satisfies(stored -> assertThat(stored.orderId()).isEqualTo(orderId));
	}

	static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void keepsNothingOfAPlacingTransactionThatRolledBack() {
		transactions.executeWithoutResult(status -> {
			assertThat(keys.lockOrReplay(user, "rolled-back", HASH)).isEmpty();
			status.setRollbackOnly();
		});
		assertThat(jdbc.sql("SELECT count(*) FROM orders.idempotency_keys WHERE user_id = :u")
			.param("u", user).query(Long.class).single()).isZero();
		// and the key is free again at once
		assertThat(lockOrReplay("rolled-back", HASH)).isEmpty();
	}

	@Test
	void mustRunInsideThePlacingTransaction() {
		assertThatThrownBy(() -> keys.lockOrReplay(user, "no-transaction", HASH))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void cleansUpExpiredKeysOnly() {
		insert("old", "25 hours", "-1 hour");
		insert("young", "1 hour", "23 hours");
		assertThat(keys.deleteExpired()).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT idempotency_key FROM orders.idempotency_keys
				WHERE user_id = :user AND idempotency_key IN ('old', 'young')""")
			.param("user", user).query(String.class).list()).containsExactly("young");
	}
}
