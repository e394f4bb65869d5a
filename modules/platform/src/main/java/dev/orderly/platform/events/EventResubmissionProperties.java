package dev.orderly.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How incomplete event publications are resubmitted ({@code orderly.events.resubmission.*}).
 *
 * @param enabled whether this instance resubmits incomplete event publications
 * @param interval pause between two resubmission runs
 * @param olderThan only publications at least this old are resubmitted, so that a listener still
 * running elsewhere is not raced
 */
@ConfigurationProperties("orderly.events.resubmission")
record EventResubmissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval,
		@DefaultValue("5m") Duration olderThan) {
}
