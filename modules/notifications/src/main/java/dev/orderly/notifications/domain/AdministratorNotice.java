package dev.orderly.notifications.domain;

import java.time.Instant;
import java.util.UUID;

import dev.orderly.notifications.domain.TemplateModel.AdministratorNoticeModel;

/**
 * A notice for every administrator, whoever they are when they read it: its id (one notice however
 * often it is asked for), what it says, and when it happened.
 */
public record AdministratorNotice(UUID id, AdministratorNoticeModel model, Instant at) {

	public static final int MAX_TITLE = 200;

	public static final int MAX_MESSAGE = 2000;

	/** A notice with its title and message clipped to their bounds and no missing text. */
	public static AdministratorNotice of(UUID id, String title, String message, String severity, String source,
			String link, Instant at) {
		return new AdministratorNotice(id, new AdministratorNoticeModel(clip(title, MAX_TITLE), clip(message, MAX_MESSAGE),
				String.valueOf(severity), String.valueOf(source), link == null ? "" : link), at);
	}

	private static String clip(String text, int max) {
		String value = text == null ? "" : text.strip();
		return value.length() <= max ? value : value.substring(0, max - 1) + "…";
	}
}
