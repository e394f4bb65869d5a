package dev.orderly.notifications.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.orderly.notifications.domain.Notification.Channel;

/**
 * What to tell a user about an event, built by name in {@code NotificationRules}: a model (which
 * says the kind), the channels, the user (and their address when the event carries it; otherwise it
 * is looked up when the email is sent), a token for the email (if any), the identity of the source
 * event for the dedup key, and the time of the event.
 *
 * @param address {@code null}: the recipient's address, looked up when the email is sent
 * @param token kept only until the email is sent, never part of the model or the dedup key
 * @param source what makes the notification unique per channel and kind, e.g. the order id
 * @param at {@code null}: when the event is received (for events without a time of their own)
 */
public record Notice(TemplateModel model, Set<Channel> channels, UUID userId, String address, String token, String source,
		Instant at) {

	public Notice {
		channels = Set.copyOf(channels);
	}

	/** An email only. */
	public static Notice email(TemplateModel model) {
		return new Notice(model, EnumSet.of(Channel.EMAIL), null, null, null, null, null);
	}

	/** An email and the same notification in the app. */
	public static Notice emailAndInApp(TemplateModel model) {
		return new Notice(model, EnumSet.of(Channel.EMAIL, Channel.IN_APP), null, null, null, null, null);
	}

	/** To a user whose address is looked up when the email is sent. */
	public Notice to(UUID user) {
		return new Notice(model, channels, user, null, token, source, at);
	}

	/** To a user at the address the event carries. */
	public Notice to(UUID user, String emailAddress) {
		return new Notice(model, channels, user, emailAddress, token, source, at);
	}

	/** With a token for the email (kept only until it is sent). */
	public Notice withToken(String secret) {
		return new Notice(model, channels, userId, address, secret, source, at);
	}

	/** Unique per channel and kind for these parts of the source event, joined by {@code :}. */
	public Notice dedupBy(Object... parts) {
		String joined = Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(":"));
		return new Notice(model, channels, userId, address, token, joined, at);
	}

	/** The event happened at {@code time}. */
	public Notice at(Instant time) {
		return new Notice(model, channels, userId, address, token, source, time);
	}

	/** The event has no time of its own: it counts from when it is received. */
	public Notice atReceipt() {
		return new Notice(model, channels, userId, address, token, source, null);
	}

	public NotificationKind kind() {
		return model.kind();
	}

	/** Channel, kind and source: the same event never records the same notification twice. */
	public String dedupKey(Channel channel) {
		return channel + ":" + kind() + ":" + source;
	}
}
