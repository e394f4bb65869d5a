package dev.orderly.webhooks.domain;

/** A delivery being sent right now cannot be retried until its attempt ends. */
public final class DeliveryInFlight extends WebhooksException {

	public DeliveryInFlight() {
		super("The delivery is being sent right now; retry it once the attempt has ended");
	}
}
