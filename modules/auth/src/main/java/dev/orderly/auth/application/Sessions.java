package dev.orderly.auth.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.auth.events.RefreshTokenReused;
import dev.orderly.auth.events.SessionsRevoked;
import dev.orderly.platform.CurrentRequest;
import dev.orderly.platform.SecurityEvents;
import dev.orderly.auth.AccessTokens;
import dev.orderly.auth.AuthProperties;
import dev.orderly.auth.domain.InvalidCredentials;
import dev.orderly.auth.domain.InvalidRefreshToken;
import dev.orderly.auth.domain.OpaqueTokens;
import dev.orderly.auth.domain.RefreshToken;
import dev.orderly.auth.persistence.RefreshTokens;
import dev.orderly.auth.persistence.RevokedSessions;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;

/**
 * Login, refresh and logout: a login checks the credentials with users and starts a refresh token
 * family; a refresh rotates the presented token and reads the roles afresh; reuse of a used token
 * revokes its family. Every failure of a login is the same {@link InvalidCredentials}, and every
 * failure of a refresh the same {@link InvalidRefreshToken}. Knowing the password or holding the
 * refresh token is the only authority needed. Counts logins ({@code orderly.auth.logins.*}).
 */
@Service
public class Sessions {

	/** Security events (docs/ops/README.md): login, logout, reuse of a refresh token, sessions ended. */
	private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

	/** The security event of a refresh token presented again after its rotation (counted, AuthConfiguration). */
	public static final String REFRESH_TOKEN_REUSED = "auth.refresh_token_reused";

	private final UserAccounts accounts;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final AuthProperties properties;

	private final RevokedSessions revokedSessions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Counter loginsSucceeded;

	private final Counter loginsFailed;

	Sessions(UserAccounts accounts, AccessTokens accessTokens, RefreshTokens refreshTokens,
			RevokedSessions revokedSessions, AuthProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters,
			ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.events = events;
		this.revokedSessions = revokedSessions;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.properties = properties;
		this.clock = clock;
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.loginsSucceeded = Counter.builder("orderly.auth.logins.succeeded").description("Successful logins")
			.register(registry);
		this.loginsFailed = Counter.builder("orderly.auth.logins.failed").description("Failed logins")
			.register(registry);
	}

	/** What a client gets on login and refresh. */
	public record Tokens(@Schema(maxLength = 4096) String accessToken, @Schema(allowableValues = "Bearer") String tokenType,
			@Schema(minimum = "1", maximum = "" + MAX_LIFETIME_SECONDS) long expiresIn,
			@Schema(maxLength = 256) String refreshToken,
			@Schema(minimum = "1", maximum = "" + MAX_LIFETIME_SECONDS) long refreshExpiresIn) {

		/** A token lives at most a year (the bound the API states for {@code expiresIn}). */
		static final long MAX_LIFETIME_SECONDS = 31_536_000L;
	}

	/**
	 * Not transactional on purpose: the password hash check takes tens of milliseconds and must not
	 * hold a database connection.
	 * @throws InvalidCredentials for any failure
	 */
	public Tokens login(String email, String password) {
		Optional<UserAccount> account = accounts.authenticate(email, password);
		if (account.isEmpty()) {
			loginsFailed.increment();
			throw new InvalidCredentials();
		}
		Instant now = now();
		RefreshToken family = RefreshToken.startFamily(account.get().id(), now, properties.refreshTokenTtl());
		Tokens tokens = issue(account.get(), family, now);
		loginsSucceeded.increment();
		LOG.atInfo().setMessage("auth.logged_in")
			.addKeyValue("userId", account.get().id())
			.addKeyValue("sessionId", family.familyId())
			.addKeyValue("clientAddress", SecurityEvents::clientAddress)
			.log();
		return tokens;
	}

	/**
	 * Exchanges a refresh token for a new pair. Failures commit what they did (the revoked family
	 * stays revoked).
	 * @throws InvalidRefreshToken for any token that cannot be exchanged
	 */
	@Transactional(noRollbackFor = InvalidRefreshToken.class)
	public Tokens refresh(String presented) {
		Instant now = now();
		RefreshToken token = refreshTokens.lockByHash(OpaqueTokens.hash(presented)).orElseThrow(InvalidRefreshToken::new);
		switch (token.status(now)) {
			case USED -> {
				// RFC 9700 §4.14.2: a used token came back, so someone holds a copy; end the whole family
				endSession(token, now);
				events.publishEvent(new RefreshTokenReused(token.userId(), token.familyId(), CurrentRequest.id(), now));
				SecurityEvents.count(REFRESH_TOKEN_REUSED, null);
				LOG.atWarn().setMessage(REFRESH_TOKEN_REUSED)
					.addKeyValue("userId", token.userId())
					.addKeyValue("sessionId", token.familyId())
					.addKeyValue("clientAddress", SecurityEvents::clientAddress)
					.log();
				throw new InvalidRefreshToken();
			}
			case REVOKED, EXPIRED -> throw new InvalidRefreshToken();
			case ACTIVE -> {
			}
		}
		Optional<UserAccount> account = accounts.findById(token.userId());
		if (account.isEmpty()) {
			endSession(token, now);
			throw new InvalidRefreshToken();
		}
		refreshTokens.markUsed(token.id(), now);
		return issue(account.get(), token.successor(now), now);
	}

	/**
	 * Ends the session the token belongs to (its whole family) and the session's access tokens with
	 * it. Unknown tokens are ignored.
	 */
	@Transactional
	public void logout(String presented) {
		refreshTokens.lockByHash(OpaqueTokens.hash(presented)).ifPresent(token -> {
			endSession(token, now());
			LOG.atInfo().setMessage("auth.logged_out")
				.addKeyValue("userId", token.userId())
				.addKeyValue("sessionId", token.familyId())
				.log();
		});
	}

	/**
	 * Ends the sessions a user had up to {@code upTo} (password change or reset, role change,
	 * deletion): their refresh tokens and their access tokens.
	 */
	@Transactional
	void endSessionsOf(UUID userId, Instant upTo) {
		List<UUID> sessions = refreshTokens.revokeAllOfUser(userId, upTo, now());
		revokedSessions.revoke(userId, sessions);
		announce(userId, sessions);
		LOG.atInfo().setMessage("auth.sessions_ended")
			.addKeyValue("userId", userId)
			.addKeyValue("sessions", sessions.size())
			.log();
	}

	private void endSession(RefreshToken token, Instant now) {
		refreshTokens.revokeFamily(token.familyId(), now);
		revokedSessions.revoke(token.userId(), List.of(token.familyId()));
		announce(token.userId(), List.of(token.familyId()));
	}

	/**
	 * Tells instances without auth's tables (split mode) that these sessions ended: in the
	 * transaction, so that it is externalised (outbox) only if the revocation commits.
	 */
	private void announce(UUID userId, List<UUID> sessions) {
		if (!sessions.isEmpty()) {
			events.publishEvent(new SessionsRevoked(userId, List.copyOf(sessions), now()));
		}
	}

	private Tokens issue(UserAccount account, RefreshToken refresh, Instant now) {
		String refreshValue = OpaqueTokens.generate();
		refreshTokens.insert(refresh, OpaqueTokens.hash(refreshValue));
		AccessTokens.Issued access = accessTokens.issue(account, refresh.familyId(), now);
		return new Tokens(access.value(), "Bearer", access.expiresIn(), refreshValue,
				Duration.between(now, refresh.expiresAt()).toSeconds());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
