package dev.orderly.webhooks.application;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the webhooks module ({@code orderly.webhooks.*}); every one has a default suitable for
 * a local run, except that a local receiver needs {@code allow-private-targets}.
 *
 * @param allowPrivateTargets allow {@code http} and loopback or private targets (development and
 *        tests; refused at start-up under a {@code prod} or {@code production} profile)
 * @param retryFor how long a delivery is retried before it is {@code DEAD}
 * @param disableAfter how long an endpoint may fail continuously before it is disabled
 * @param secretGracePeriod how long the previous secret still signs after a rotation
 * @param dispatch how the dispatcher polls, leases, retries and calls out
 */
@ConfigurationProperties("orderly.webhooks")
public record WebhooksProperties(@DefaultValue("false") boolean allowPrivateTargets,
		@DefaultValue("24h") Duration retryFor, @DefaultValue("24h") Duration disableAfter,
		@DefaultValue("24h") Duration secretGracePeriod, @DefaultValue Dispatch dispatch) {

	/**
	 * @param interval pause between two dispatcher runs
	 * @param senders deliveries one instance sends at the same time (virtual threads)
	 * @param lease how long an attempt may stay {@code SENDING} on a live instance before it is resent;
	 *        longer than the connect and read timeouts
	 * @param instanceLease an instance whose heartbeat is older than this is dead and its attempts are
	 *        resent; keep it equal to the platform's
	 *        {@code orderly.events.resubmission.instance-lease}
	 * @param backoffBase delay before the first retry; doubled for each further one, with jitter
	 * @param backoffMax the longest delay between two attempts (also caps {@code Retry-After})
	 * @param connectTimeout at most 5 s
	 * @param readTimeout time to the response's headers, at most 10 s
	 * @param maxResponseBytes how much of a response body is read (the rest is dropped)
	 */
	public record Dispatch(@DefaultValue("1s") Duration interval, @DefaultValue("4") int senders,
			@DefaultValue("1m") Duration lease,
			@DefaultValue("10s") Duration instanceLease,
			@DefaultValue("10s") Duration backoffBase, @DefaultValue("1h") Duration backoffMax,
			@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
			@DefaultValue("4096") int maxResponseBytes) {

		public Dispatch {
			if (connectTimeout.compareTo(Duration.ofSeconds(5)) > 0 || !connectTimeout.isPositive()) {
				throw new IllegalArgumentException("orderly.webhooks.dispatch.connect-timeout must be positive and at most 5s");
			}
			if (readTimeout.compareTo(Duration.ofSeconds(10)) > 0 || !readTimeout.isPositive()) {
				throw new IllegalArgumentException("orderly.webhooks.dispatch.read-timeout must be positive and at most 10s");
			}
			if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
				throw new IllegalArgumentException("orderly.webhooks.dispatch.lease must exceed connect and read timeouts");
			}
			if (senders < 1 || senders > 64) {
				throw new IllegalArgumentException("orderly.webhooks.dispatch.senders must be between 1 and 64");
			}
			if (maxResponseBytes < 0 || maxResponseBytes > 65536) {
				throw new IllegalArgumentException("orderly.webhooks.dispatch.max-response-bytes must be 0 to 65536");
			}
		}
	}
}
