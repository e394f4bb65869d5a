package dev.orderly.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notifications module ({@code orderly.notifications.*}); every one has a default
 * suitable for a local run.
 *
 * @param linkBaseUrl where links in emails point to (the front end)
 * @param from the sender of every email
 * @param messageIdDomain the right-hand side of the deterministic {@code Message-ID} of each email
 * @param dispatch how the email dispatcher polls, leases and retries
 */
@ConfigurationProperties("orderly.notifications")
public record NotificationProperties(@DefaultValue("http://localhost:8080") String linkBaseUrl,
		@DefaultValue("Orderly <no-reply@orderly.local>") String from,
		@DefaultValue("orderly.local") String messageIdDomain,
		@DefaultValue Dispatch dispatch) {

	/**
	 * @param interval pause between two polls for due emails (an email due when its event is recorded
	 *        leaves right after the listener's commit when a sender is free, without waiting for a poll:
	 *        ADR 0043)
	 * @param lease how long a claimed email may stay {@code SENDING} before it is resent (its sender is
	 *        taken for dead); must exceed the longest SMTP exchange of one message (the SMTP timeouts)
	 * @param backoffBase delay before the first retry; doubled for each further one
	 * @param backoffMax the longest delay between two attempts
	 * @param maxAttempts attempts before an email is {@code FAILED} (a dead letter for an admin)
	 * @param recipientWait how long an email may wait for its recipient to become known
	 * @param senders how many emails one instance sends at the same time, each over its own SMTP
	 *        connection (and so how many it may leave uncertain when it dies), the dispatcher's runs and
	 *        the direct sends after a listener's commit together; 1, the default, sends one after the
	 *        other (ADR 0029 says what more costs the requests on a small machine)
	 */
	public record Dispatch(@DefaultValue("2s") Duration interval,
			@DefaultValue("1m") Duration lease, @DefaultValue("30s") Duration backoffBase,
			@DefaultValue("1h") Duration backoffMax, @DefaultValue("8") int maxAttempts,
			@DefaultValue("24h") Duration recipientWait, @DefaultValue("1") int senders) {

		public Dispatch {
			if (senders < 1 || senders > 64) {
				throw new IllegalArgumentException(
						"orderly.notifications.dispatch.senders must be between 1 and 64, was " + senders);
			}
		}
	}
}
