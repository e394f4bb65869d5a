package dev.orderly.webhooks.domain;

/**
 * An outcome of a webhooks use case that the caller can act on, in business terms and without HTTP
 * ({@code WebhooksErrorMapping} gives each its status and error code). Sealed, so that the mapping
 * names every one of them.
 */
public abstract sealed class WebhooksException extends RuntimeException
		permits EndpointNotFound, DeliveryNotFound, ActionNotAllowed, TargetNotAllowed, InvalidEventTypes,
		DeliveryInFlight {

	WebhooksException(String message) {
		super(message, null, false, false);
	}
}
