package dev.orderly.platform;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Beans of the shared kernel that every module may inject, and the defaults every module shares
 * (per-module Flyway, the event publication registry).
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:orderly-platform-defaults.properties")
class PlatformConfiguration {

	/** The one source of "now"; tests replace it to move time. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}
}
