package dev.orderly.auth;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.orderly.users.PasswordChanged;
import dev.orderly.users.UserDeleted;
import dev.orderly.users.UserRolesChanged;

/**
 * Ends a user's sessions when their credentials or rights change: refresh tokens issued up to the
 * event are revoked (a login after it survives a late delivery). Idempotent: a redelivered event
 * finds nothing left to revoke.
 */
@Component
class SessionRevocation {

	private final Sessions sessions;

	private final PasswordResets passwordResets;

	/** A deleted account keeps no session, whenever it began. */
	private static final java.time.Instant EVERYTHING = java.time.Instant.parse("9999-12-31T00:00:00Z");

	SessionRevocation(Sessions sessions, PasswordResets passwordResets) {
		this.sessions = sessions;
		this.passwordResets = passwordResets;
	}

	@ApplicationModuleListener
	void on(PasswordChanged event) {
		sessions.endSessionsOf(event.userId(), event.changedAt());
		passwordResets.voidTokensOf(event.userId(), event.changedAt());
	}

	@ApplicationModuleListener
	void on(UserDeleted event) {
		sessions.endSessionsOf(event.userId(), EVERYTHING);
		passwordResets.voidTokensOf(event.userId(), event.deletedAt());
	}

	/** Sessions with the old roles must not be renewed: a new login gets tokens with the new ones. */
	@ApplicationModuleListener
	void on(UserRolesChanged event) {
		sessions.endSessionsOf(event.userId(), event.changedAt());
	}
}
