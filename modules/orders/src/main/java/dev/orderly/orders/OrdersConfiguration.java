package dev.orderly.orders;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The orders module's settings, and scheduling for the clean-up of expired idempotency keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersProperties.class)
@EnableScheduling
class OrdersConfiguration {
}
