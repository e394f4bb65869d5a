package dev.orderly.audit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.orderly.audit.application.AuditProperties;
import dev.orderly.audit.application.AuditTrail;
import dev.orderly.platform.OwnThreadSchedule;

/**
 * Module wiring: its properties and the retention job on a thread of its own (docs/ops/README.md,
 * "Data retention"): every {@code orderly.audit.retention.interval}, entries older than
 * {@code orderly.audit.retention.keep} go, in bounded batches.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	@Bean
	OwnThreadSchedule auditRetention(AuditTrail trail, AuditProperties properties) {
		return new OwnThreadSchedule("orderly-audit-retention", properties.retention().interval(), trail::purgeExpired);
	}
}
