package dev.orderly.webhooks.domain;

/**
 * An endpoint URL that may not be called ({@link TargetRules}): not https, not a plain URL, or a host
 * that resolves to an address that is not public. The message says why, never what it resolved to.
 */
public final class TargetNotAllowed extends WebhooksException {

	public TargetNotAllowed(String reason) {
		super(reason);
	}
}
