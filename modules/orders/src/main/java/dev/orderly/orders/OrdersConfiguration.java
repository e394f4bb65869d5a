package dev.orderly.orders;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.orderly.orders.persistence.ProductCatalog;

/**
 * The orders module's settings, scheduling for the clean-up of expired idempotency keys, and the
 * price list's caches.
 * <p>
 * Caching advice runs <em>outside</em> the transaction ({@code order} one step ahead of the
 * transaction advice, which has the lowest precedence): an eviction happens after the change has
 * committed, so every read that starts after it loads the new row. (A read that raced with the
 * commit may still put the old row back; the TTL bounds that too.)
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersProperties.class)
@EnableScheduling
@EnableCaching(order = Ordered.LOWEST_PRECEDENCE - 1)
class OrdersConfiguration {

	/**
	 * The price list's caches in Boot's Caffeine cache manager: bounded (a product is a few
	 * hundred bytes, a page at most 101 of them), expiring {@code product-cache-ttl} after they
	 * were loaded, with statistics for the {@code cache.*} metrics.
	 */
	@Bean
	CacheManagerCustomizer<CaffeineCacheManager> productCaches(OrdersProperties properties) {
		return manager -> {
			manager.registerCustomCache(ProductCatalog.PRODUCTS,
					Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.productCacheTtl())
						.recordStats().build());
			manager.registerCustomCache(ProductCatalog.PAGES,
					Caffeine.newBuilder().maximumSize(200).expireAfterWrite(properties.productCacheTtl())
						.recordStats().build());
		};
	}
}
