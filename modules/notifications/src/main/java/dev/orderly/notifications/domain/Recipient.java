package dev.orderly.notifications.domain;

import java.util.UUID;

/** Someone we may write to, as the users module last described them. {@code email} may be unknown. */
public record Recipient(UUID userId, String email, String displayName, String locale, boolean deleted) {
}
