package dev.orderly.auth.application;

import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRolesChanged;

/**
 * Ends a user's sessions when their credentials or rights change: the refresh tokens issued up to
 * the event, the access tokens of those sessions ({@code RevokedSessions}) and, for a password
 * change or a deletion, unused password reset tokens.
 * <p>
 * Synchronous, in the transaction that changes the user (ADR 0015): a window between the change and
 * the revocation is a security problem — the response to a password change must not return while a
 * reset token or an old session still works — and the revocation commits or rolls back with the
 * change. Idempotent (a repeated event finds nothing left to revoke), and every statement locks its
 * rows in id order, so concurrent revocations of one user cannot deadlock.
 */
@Component
class SessionRevocation {

	/** A deleted account keeps no session, whenever it began. */
	private static final Instant EVERYTHING = Instant.parse("9999-12-31T00:00:00Z");

	private final Sessions sessions;

	private final PasswordResets passwordResets;

	SessionRevocation(Sessions sessions, PasswordResets passwordResets) {
		this.sessions = sessions;
		this.passwordResets = passwordResets;
	}

	@EventListener
	void on(PasswordChanged event) {
		sessions.endSessionsOf(event.userId(), event.changedAt());
		passwordResets.voidTokensOf(event.userId(), event.changedAt());
	}

	@EventListener
	void on(UserDeleted event) {
		sessions.endSessionsOf(event.userId(), EVERYTHING);
		passwordResets.voidTokensOf(event.userId(), event.deletedAt());
	}

	/** Sessions with the old roles must not go on: a new login gets tokens with the new ones. */
	@EventListener
	void on(UserRolesChanged event) {
		sessions.endSessionsOf(event.userId(), event.changedAt());
	}
}
