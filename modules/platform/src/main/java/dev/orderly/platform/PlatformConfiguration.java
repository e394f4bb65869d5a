package dev.orderly.platform;

import java.time.Clock;

import tools.jackson.databind.DeserializationFeature;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
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

	/**
	 * Unknown JSON properties are rejected so no field can be mass-assigned, and a missing
	 * primitive or a null where a primitive is expected is an error rather than a silent zero, and
	 * {@code 1.5} is not silently truncated into an integer quantity or price.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
	}
}
