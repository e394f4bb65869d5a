package dev.orderly.users.application;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.users.UsersProperties;
import dev.orderly.users.domain.EmailAlreadyVerified;
import dev.orderly.users.domain.InvalidVerificationToken;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.persistence.EmailVerificationTokens;

/**
 * Proving control of the email address: a verification token is issued on registration and on
 * request ({@link EmailVerificationRequested}, which carries it to the mail), and verifying with it
 * marks the email verified. {@code EmailVerificationRequested} is published here, not by the
 * aggregate: the token lives in {@link EmailVerificationTokens}, the account does not change.
 */
@Service
@Transactional
public class EmailVerification {

	private final Users users;

	private final EmailVerificationTokens tokens;

	private final UserPolicy policy;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final UsersProperties properties;

	EmailVerification(Users users, EmailVerificationTokens tokens, UserPolicy policy, ApplicationEventPublisher events,
			Clock clock, UsersProperties properties) {
		this.users = users;
		this.tokens = tokens;
		this.policy = policy;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Verifies the email with a token; the token alone proves ownership, so no actor is needed.
	 * @throws InvalidVerificationToken for any token that is not this live account's, unused and
	 * unexpired
	 */
	public User verify(UUID userId, String token) {
		User user = users.findLive(userId).orElseThrow(InvalidVerificationToken::new);
		Instant now = User.now(clock);
		if (!tokens.use(userId, token, now)) {
			throw new InvalidVerificationToken();
		}
		if (user.verifyEmail(now)) {
			users.save(user);
		}
		return user;
	}

	/**
	 * Sends a fresh verification email; the earlier token stops working.
	 * @throws UserNotFound when there is no such account or the actor may not manage it
	 * @throws EmailAlreadyVerified when there is nothing to verify
	 */
	public void resend(Actor actor, UUID userId) {
		policy.checkMayManage(actor, userId);
		User user = users.getLive(userId);
		if (user.isEmailVerified()) {
			throw new EmailAlreadyVerified();
		}
		request(user);
	}

	/** Issues a token for the account's email (voiding earlier ones) and publishes it to be mailed. */
	void request(User user) {
		Instant now = User.now(clock);
		EmailVerificationTokens.Issued issued = tokens.issue(user.id(), now, now.plus(properties.verificationTokenTtl()));
		events.publishEvent(new EmailVerificationRequested(user.id(), user.email(), user.displayName(), issued.token(),
				issued.expiresAt()));
	}
}
