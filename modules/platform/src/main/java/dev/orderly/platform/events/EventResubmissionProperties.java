package dev.orderly.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How incomplete event publications are resubmitted ({@code orderly.events.resubmission.*}). A
 * crashed instance's publications are resubmitted at most {@code instanceLease + interval} (plus
 * one heartbeat) after its last heartbeat, by a live instance (ADR 0017).
 *
 * @param enabled whether this instance resubmits incomplete event publications
 * @param interval pause between two resubmission runs (the first runs at start-up)
 * @param heartbeatInterval pause between two heartbeats of this instance
 * @param instanceLease an instance whose last heartbeat is older than this is dead: another instance
 * takes its incomplete publications over; must be several heartbeats long
 * @param olderThan this instance's own publications still incomplete this long after their last
 * submission (their listener failed, or the database failed under it) are resubmitted, and so are
 * publications of no known instance; long enough not to race a listener that is merely slow
 */
@ConfigurationProperties("orderly.events.resubmission")
record EventResubmissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
		@DefaultValue("2s") Duration heartbeatInterval, @DefaultValue("10s") Duration instanceLease,
		@DefaultValue("1m") Duration olderThan) {
}
