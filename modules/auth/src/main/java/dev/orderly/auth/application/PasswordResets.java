package dev.orderly.auth.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.auth.AuthProperties;
import dev.orderly.auth.domain.InvalidResetToken;
import dev.orderly.auth.domain.OpaqueTokens;
import dev.orderly.auth.events.PasswordResetRequested;
import dev.orderly.auth.persistence.PasswordResetTokens;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.users.api.WeakPassword;

/**
 * Password reset by email: a request issues a single-use token (kept as its SHA-256 hash in
 * {@link PasswordResetTokens}, valid 30 minutes) for a live account and publishes
 * {@link PasswordResetRequested}; for an unknown email it does nothing, and the caller cannot tell
 * the difference. Confirming sets the new password through users and ends every session of the
 * account. Holding the token is the only authority needed.
 * <p>
 * The caller cannot tell it by the time the answer takes either (docs/adr/0034): the request only
 * records that a reset was asked for ({@link PasswordResetAsked}, one row of the event publication
 * registry, whatever the email), and the account is looked up and the token issued after the commit,
 * off the request thread ({@link #issue}); the registry makes that as durable as the request was.
 */
@Service
@Transactional
public class PasswordResets {

	private final UserAccounts accounts;

	private final Sessions sessions;

	private final PasswordResetTokens tokens;

	private final ApplicationEventPublisher events;

	private final AuthProperties properties;

	private final Clock clock;

	PasswordResets(UserAccounts accounts, Sessions sessions, PasswordResetTokens tokens,
			ApplicationEventPublisher events, AuthProperties properties, Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.tokens = tokens;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** The same work for every email: whether it belongs to an account is found out after the answer. */
	public void request(String email) {
		events.publishEvent(new PasswordResetAsked(email));
	}

	/** After the request committed, on a thread of its own: a token for a live account, nothing otherwise. */
	@ApplicationModuleListener
	void issue(PasswordResetAsked asked) {
		Optional<UserAccount> found = accounts.findByEmail(asked.email());
		if (found.isEmpty()) {
			return;
		}
		UserAccount account = found.get();
		Instant now = now();
		tokens.voidAllOf(account.id(), now);
		String token = OpaqueTokens.generate();
		Instant expiresAt = now.plus(properties.passwordResetTtl());
		tokens.insert(account.id(), OpaqueTokens.hash(token), expiresAt, now);
		events.publishEvent(new PasswordResetRequested(account.id(), account.email(), account.displayName(), token,
				expiresAt));
	}

	/**
	 * Uses the token (atomically, once) and sets the password. A password the policy refuses rolls
	 * everything back, so the token can be used again with a better one.
	 * @throws InvalidResetToken when the token cannot be used or its account is gone
	 * @throws WeakPassword when the password policy refuses the new password
	 */
	public void confirm(String token, String newPassword) {
		Instant now = now();
		UUID userId = tokens.use(OpaqueTokens.hash(token), now).orElseThrow(InvalidResetToken::new);
		if (!accounts.resetPassword(userId, newPassword)) {
			throw new InvalidResetToken();
		}
		sessions.endSessionsOf(userId, now);
	}

	/** Voids the user's unused reset tokens (a newer request, a password change, a deletion). */
	void voidTokensOf(UUID userId, Instant now) {
		tokens.voidAllOf(userId, now);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
