package dev.orderly.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the orders module ({@code orderly.orders.*}).
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered (24 h)
 * @param idempotencyLockIdleTimeout how long a placing transaction that holds a key may sit idle
 *        before PostgreSQL ends it and frees the key (a client whose host vanished without closing
 *        its connection); a live transaction is never idle that long
 * @param idempotencyCleanupInterval how often expired keys are deleted
 * @param productCacheTtl how long an instance serves a product or a page of the price list from
 *        its cache: the longest another instance's change takes to show here (docs/adr/0014)
 */
@ConfigurationProperties("orderly.orders")
public record OrdersProperties(@DefaultValue("24h") Duration idempotencyKeyTtl,
		@DefaultValue("10s") Duration idempotencyLockIdleTimeout,
		@DefaultValue("1h") Duration idempotencyCleanupInterval, @DefaultValue("10s") Duration productCacheTtl) {
}
