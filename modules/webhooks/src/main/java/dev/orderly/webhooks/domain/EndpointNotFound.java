package dev.orderly.webhooks.domain;

import java.util.UUID;

/** No such webhook endpoint. */
public final class EndpointNotFound extends WebhooksException {

	public EndpointNotFound(UUID id) {
		super("No webhook endpoint " + id);
	}
}
