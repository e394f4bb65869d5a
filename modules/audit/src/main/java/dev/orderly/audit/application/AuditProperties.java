package dev.orderly.audit.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit module ({@code orderly.audit.*}), each with a default for production.
 *
 * @param retention how long entries are kept and how the retention job deletes older ones
 */
@ConfigurationProperties("orderly.audit")
public record AuditProperties(@DefaultValue Retention retention) {

	/**
	 * @param keep entries that occurred longer ago than this are deleted (default 400 days: a full
	 *        year's trail is always there for a yearly review, with a month to spare)
	 * @param batchSize the rows one delete statement removes at most
	 * @param interval the pause between two runs of the job
	 */
	public record Retention(@DefaultValue("400d") Duration keep, @DefaultValue("1000") int batchSize,
			@DefaultValue("1h") Duration interval) {

		public Retention {
			if (keep.compareTo(Duration.ofDays(1)) < 0) {
				throw new IllegalArgumentException("orderly.audit.retention.keep must be at least 1d");
			}
			if (batchSize < 1 || batchSize > 10_000) {
				throw new IllegalArgumentException("orderly.audit.retention.batch-size must be between 1 and 10000");
			}
			if (!interval.isPositive()) {
				throw new IllegalArgumentException("orderly.audit.retention.interval must be positive");
			}
		}
	}
}
