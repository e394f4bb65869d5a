package dev.orderly.auth.events;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.orderly.platform.contract.SessionEndings;

/**
 * {@link SessionsRevoked} ends the sessions it names: listed in this artifact's
 * {@code META-INF/spring.factories}, so that an instance without auth refuses their access tokens
 * without naming auth's event (docs/adr/0035).
 */
public final class SessionsRevokedEndings implements SessionEndings<SessionsRevoked> {

	@Override
	public Class<SessionsRevoked> eventType() {
		return SessionsRevoked.class;
	}

	@Override
	public Collection<UUID> endedSessions(SessionsRevoked event) {
		return event.sessionIds() == null ? List.of() : event.sessionIds();
	}

	@Override
	public UUID userId(SessionsRevoked event) {
		return event.userId();
	}
}
