package dev.orderly.webhooks.domain;

/** A subscription naming an unknown event type, or none. */
public final class InvalidEventTypes extends WebhooksException {

	InvalidEventTypes(String unknown) {
		super(unknown == null ? "eventTypes must name at least one event type"
				: "Unknown event type; eventTypes may be " + String.join(", ", EventType.subscribable()));
	}
}
