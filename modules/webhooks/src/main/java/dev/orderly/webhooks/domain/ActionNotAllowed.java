package dev.orderly.webhooks.domain;

/** Only administrators manage webhook endpoints ({@code WebhooksPolicy}). */
public final class ActionNotAllowed extends WebhooksException {

	public ActionNotAllowed(String action) {
		super("This actor may not " + action);
	}
}
