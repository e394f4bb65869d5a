package dev.orderly.notifications.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What an event tells the recipients projection, built by name in {@code NotificationRules}: a field
 * the event does not carry stays {@code null} and keeps its stored value.
 *
 * @param sourceAt when the event happened; an update older than the one last applied changes nothing
 * @param deleted the user was deleted: they get no further email
 */
public record RecipientUpdate(UUID userId, String email, String displayName, String locale, Instant sourceAt,
		boolean deleted) {

	/** An update of {@code user}; name its fields, then its time. */
	public static RecipientUpdate of(UUID user) {
		return new RecipientUpdate(user, null, null, null, Instant.EPOCH, false);
	}

	/** The user was deleted at {@code time}. */
	public static RecipientUpdate deleted(UUID user, Instant time) {
		return new RecipientUpdate(user, null, null, null, time, true);
	}

	public RecipientUpdate email(String address) {
		return new RecipientUpdate(userId, address, displayName, locale, sourceAt, deleted);
	}

	public RecipientUpdate displayName(String name) {
		return new RecipientUpdate(userId, email, name, locale, sourceAt, deleted);
	}

	public RecipientUpdate locale(String language) {
		return new RecipientUpdate(userId, email, displayName, language, sourceAt, deleted);
	}

	/** The event happened at {@code time}. */
	public RecipientUpdate asOf(Instant time) {
		return new RecipientUpdate(userId, email, displayName, locale, time, deleted);
	}

	/**
	 * The event has no time of its own (a token request): it fills in only what nothing newer has
	 * set ({@link Instant#EPOCH} as its time).
	 */
	public RecipientUpdate undated() {
		return asOf(Instant.EPOCH);
	}
}
