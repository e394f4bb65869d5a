package dev.orderly.webhooks.domain;

import java.util.UUID;

/** No such delivery of this endpoint. */
public final class DeliveryNotFound extends WebhooksException {

	public DeliveryNotFound(UUID id) {
		super("No delivery " + id + " of this endpoint");
	}
}
