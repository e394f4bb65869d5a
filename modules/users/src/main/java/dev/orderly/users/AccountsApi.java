package dev.orderly.users;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.SecurityEvents;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.users.application.PasswordChanges;
import dev.orderly.users.application.Passwords;
import dev.orderly.users.domain.Emails;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;

/**
 * The users module's published API ({@link UserAccounts}) for other modules: credential checks,
 * account lookups and the password reset. Other modules call it on their own authority (no actor,
 * see {@code UserPolicy}).
 */
@Service
class AccountsApi implements UserAccounts {

	/** The security event of a refused credential check. */
	static final String LOGIN_FAILED = "auth.login_failed";

	private static final Logger LOG = LoggerFactory.getLogger(AccountsApi.class);

	private final Users users;

	private final Passwords passwords;

	private final PasswordChanges passwordChanges;

	private final Clock clock;

	AccountsApi(Users users, Passwords passwords, PasswordChanges passwordChanges, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.passwordChanges = passwordChanges;
		this.clock = clock;
	}

	/**
	 * Not transactional on purpose: the hash check takes tens of milliseconds and must not hold a
	 * database connection. A hash made with weaker parameters than today's is upgraded on the way.
	 */
	@Override
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Optional<UserAccount> authenticate(String rawEmail, String password) {
		String email = Emails.normalise(rawEmail);
		Optional<User> found = email == null ? Optional.empty() : users.findLiveByEmail(email);
		if (found.isEmpty()) {
			passwords.matchNothing(password);
			loginFailed("unknown_account", null);
			return Optional.empty();
		}
		User user = found.get();
		if (!passwords.matches(password, user.passwordHash())) {
			loginFailed("wrong_password", user.id());
			return Optional.empty();
		}
		if (passwords.needsRehash(user.passwordHash())) {
			user.upgradePasswordHash(passwords.rehash(password), User.now(clock));
			try {
				users.save(user);
			}
			catch (OptimisticLockingFailureException ex) {
				// changed meanwhile; the hash is upgraded on a later login
			}
		}
		return Optional.of(user.toAccount());
	}

	/**
	 * {@code auth.login_failed} (the name operators know; users checks the credentials for auth's login):
	 * a login was refused for {@code reason} ({@code unknown_account}, {@code wrong_password}); the user's
	 * id when the account exists. Never the address or password. Counted ({@link UsersConfiguration}).
	 */
	static void loginFailed(String reason, UUID userId) {
		SecurityEvents.count(LOGIN_FAILED, reason);
		LOG.atInfo().setMessage(LOGIN_FAILED)
			.addKeyValue("reason", reason)
			.addKeyValue("userId", userId)
			.addKeyValue("clientAddress", SecurityEvents::clientAddress)
			.log();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserAccount> findByEmail(String email) {
		String normalised = Emails.normalise(email);
		return normalised == null ? Optional.empty() : users.findLiveByEmail(normalised).map(User::toAccount);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserAccount> findById(UUID userId) {
		return users.findLive(userId).map(User::toAccount);
	}

	@Override
	@Transactional
	public boolean resetPassword(UUID userId, String newPassword) {
		return passwordChanges.reset(userId, newPassword);
	}
}
