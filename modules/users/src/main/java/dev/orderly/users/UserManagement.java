package dev.orderly.users;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiError;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.api.UserAccounts;
import dev.orderly.users.events.DuplicateRegistrationAttempted;
import dev.orderly.users.events.EmailVerificationRequested;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;
import dev.orderly.users.events.UserRolesChanged;

/**
 * The use cases of the users module. Ownership is checked here: a caller acts on their own account
 * only (an admin on any); any other account is reported as not found. Each state change publishes
 * its event in the same transaction.
 */
@Service
@Transactional
class UserManagement implements UserAccounts {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UserManagement.class);

	/** Key of the advisory lock under which the first administrator is created (any instance). */
	private static final long FIRST_ADMIN_LOCK = 0x6f72_6465_726c_7901L;

	private final Users users;

	private final UserDirectory directory;

	private final EmailVerificationTokens verificationTokens;

	private final Passwords passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final UsersProperties properties;

	private final JdbcClient jdbc;

	private final Counter registered;

	UserManagement(Users users, UserDirectory directory, EmailVerificationTokens verificationTokens,
			Passwords passwords, ApplicationEventPublisher events, Clock clock, UsersProperties properties,
			JdbcClient jdbc, ObjectProvider<MeterRegistry> meters) {
		this.users = users;
		this.directory = directory;
		this.verificationTokens = verificationTokens;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.jdbc = jdbc;
		this.registered = Counter.builder("orderly.users.registered")
			.description("Accounts registered")
			.register(meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	record Registration(String email, String password, String displayName, String locale) {
	}

	record ProfileChange(String displayName, String phone, String locale) {
	}

	/**
	 * Registers an account, or — when the address already has one — tells its owner by email
	 * ({@link DuplicateRegistrationAttempted}) and creates nothing. The caller cannot tell the two
	 * apart (ADR 0016): both validate and hash the password first (the same work, so about the same
	 * time), both end in an email to the address. A registration that loses a race for the same
	 * address rolls back quietly and looks the same as well.
	 * @return the new account, or empty when the address was taken
	 */
	Optional<User> register(Registration registration) {
		String email = Emails.normalise(registration.email());
		String hash = passwords.hash("password", registration.password(), email);
		Optional<User> existing = users.findLiveByEmail(email);
		if (existing.isPresent()) {
			User owner = existing.get();
			events.publishEvent(new DuplicateRegistrationAttempted(owner.id(), owner.email(), owner.displayName(),
					owner.locale(), now()));
			return Optional.empty();
		}
		User user = User.register(email, hash, registration.displayName().strip(), registration.locale(), now());
		try {
			users.save(user);
		}
		catch (DuplicateKeyException ex) {
			// Registered by a concurrent request a moment ago: nothing of ours may be kept.
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return Optional.empty();
		}
		registered.increment();
		events.publishEvent(new UserRegistered(user.id(), user.email(), user.displayName(), user.locale(),
				user.createdAt()));
		requestVerification(user);
		return Optional.of(user);
	}

	@Transactional(readOnly = true)
	User get(CurrentUser caller, UUID id) {
		return visible(caller, id);
	}

	@Transactional(readOnly = true)
	List<UserView> list(UserDirectory.Filter filter, Cursor after, int limit) {
		return directory.page(filter, after, limit);
	}

	User changeProfile(CurrentUser caller, UUID id, ProfileChange change) {
		User user = visible(caller, id);
		if (user.changeProfile(change.displayName().strip(), change.phone(), change.locale(), now())) {
			users.save(user);
			events.publishEvent(new UserProfileUpdated(user.id(), user.email(), user.displayName(), user.phone(),
					user.locale(), user.updatedAt()));
		}
		return user;
	}

	/** Changes only the fields given ({@code null}: leave as is), in one transaction. */
	User patchProfile(CurrentUser caller, UUID id, ProfileChange patch) {
		User user = visible(caller, id);
		return changeProfile(caller, id, new ProfileChange(
				patch.displayName() != null ? patch.displayName() : user.displayName(),
				patch.phone() != null ? patch.phone() : user.phone(),
				patch.locale() != null ? patch.locale() : user.locale()));
	}

	void delete(CurrentUser caller, UUID id) {
		User user = visible(caller, id);
		if (user.isAdmin()) {
			lockAdmins();
			if (users.countLiveAdmins() <= 1) {
				throw lastAdmin();
			}
		}
		user.delete(now());
		users.save(user);
		events.publishEvent(new UserDeleted(user.id(), user.deletedAt()));
	}

	User changeRoles(UUID id, Set<String> roles) {
		for (String role : roles) {
			if (!User.KNOWN_ROLES.contains(role)) {
				throw ApiException.invalid("roles", "unknown_role", "Unknown role " + role + "; known: USER, ADMIN");
			}
		}
		User user = users.findLive(id).orElseThrow(ApiException::notFound);
		if (user.isAdmin() && !roles.contains(User.ADMIN)) {
			lockAdmins();
			if (users.countLiveAdmins() <= 1) {
				throw lastAdmin();
			}
		}
		if (user.changeRoles(roles, now())) {
			users.save(user);
			events.publishEvent(new UserRolesChanged(user.id(), user.roles(), user.updatedAt()));
		}
		return user;
	}

	void changePassword(CurrentUser caller, UUID id, String currentPassword, String newPassword) {
		User user = visible(caller, id);
		if (!passwords.matches(currentPassword, user.passwordHash())) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_CURRENT_PASSWORD", "The current password is not correct",
					List.of(new ApiError.FieldIssue("currentPassword", "incorrect")));
		}
		if (currentPassword.equals(newPassword)) {
			throw ApiException.invalid("newPassword", "same_as_current", "The new password must differ from the current one");
		}
		setPassword(user, passwords.hash("newPassword", newPassword, user.email()));
	}

	/** Verifies the email with a token; the token alone proves ownership, so no login is needed. */
	User verifyEmail(UUID id, String token) {
		User user = users.findLive(id).orElseThrow(UserManagement::invalidToken);
		Instant now = now();
		if (!verificationTokens.use(id, token, now)) {
			throw invalidToken();
		}
		if (user.verifyEmail(now)) {
			users.save(user);
			events.publishEvent(new UserEmailVerified(user.id(), user.email(), user.emailVerifiedAt()));
		}
		return user;
	}

	void resendVerification(CurrentUser caller, UUID id) {
		User user = visible(caller, id);
		if (user.isEmailVerified()) {
			throw ApiException.conflict("EMAIL_ALREADY_VERIFIED", "The email address is already verified");
		}
		requestVerification(user);
	}

	/**
	 * Creates the first administrator unless one exists. Runs under a transaction-scoped advisory
	 * lock, so several instances starting at once create exactly one. The account is created with a
	 * verified email (the operator vouches for it). An existing account with that email is never
	 * promoted (anyone could have registered it).
	 * @return the id of the account created, or empty when none was created
	 * @throws IllegalStateException when the configured email or password is unusable
	 */
	Optional<UUID> ensureFirstAdministrator(String rawEmail, String password) {
		String email = Emails.normalise(rawEmail);
		if (!Emails.isValid(email)) {
			throw new IllegalStateException("orderly.users.admin.email (ORDERLY_ADMIN_EMAIL) is not a valid email address");
		}
		String hash;
		try {
			hash = passwords.hash("password", password, email);
		}
		catch (ApiException ex) {
			throw new IllegalStateException("orderly.users.admin.password (ORDERLY_ADMIN_PASSWORD) breaks the password policy: "
					+ ex.getMessage());
		}
		lockAdmins();
		if (users.countLiveAdmins() > 0) {
			return Optional.empty();
		}
		if (users.findLiveByEmail(email).isPresent()) {
			// Never promote an account someone else may have registered with this email.
			log.warn("First administrator not created: an account with the configured email exists and is not "
					+ "promoted; configure another email or promote that account by hand");
			return Optional.empty();
		}
		Instant now = now();
		User admin = User.register(email, hash, "Administrator", null, now);
		admin.changeRoles(Set.of(User.USER, User.ADMIN), now);
		admin.verifyEmail(now);
		users.save(admin);
		events.publishEvent(new UserRegistered(admin.id(), admin.email(), admin.displayName(), admin.locale(), now));
		return Optional.of(admin.id());
	}

	// UserAccounts: the API for auth

	@Override
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Optional<UserAccount> authenticate(String rawEmail, String password) {
		String email = Emails.normalise(rawEmail);
		Optional<User> found = email == null ? Optional.empty() : users.findLiveByEmail(email);
		if (found.isEmpty()) {
			passwords.matchNothing(password);
			return Optional.empty();
		}
		User user = found.get();
		if (!passwords.matches(password, user.passwordHash())) {
			return Optional.empty();
		}
		if (passwords.needsRehash(user.passwordHash())) {
			user.changePasswordHash(passwords.rehash(password), now());
			try {
				users.save(user);
			}
			catch (OptimisticLockingFailureException ex) {
				// changed meanwhile; the hash is upgraded on a later login
			}
		}
		return Optional.of(user.toAccount());
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
	public boolean resetPassword(UUID userId, String newPassword) {
		Optional<User> found = users.findLive(userId);
		if (found.isEmpty()) {
			return false;
		}
		User user = found.get();
		setPassword(user, passwords.hash("newPassword", newPassword, user.email()));
		return true;
	}

	private void setPassword(User user, String hash) {
		user.changePasswordHash(hash, now());
		users.save(user);
		events.publishEvent(new PasswordChanged(user.id(), user.email(), user.displayName(), user.updatedAt()));
	}

	private void requestVerification(User user) {
		Instant now = now();
		EmailVerificationTokens.Issued issued = verificationTokens.issue(user.id(), now,
				now.plus(properties.verificationTokenTtl()));
		events.publishEvent(new EmailVerificationRequested(user.id(), user.email(), user.displayName(), issued.token(),
				issued.expiresAt()));
	}

	/** The live account if the caller may see it; 404 otherwise, whether it exists or not. */
	private User visible(CurrentUser caller, UUID id) {
		if (!caller.mayAccess(id)) {
			throw ApiException.notFound();
		}
		return users.findLive(id).orElseThrow(ApiException::notFound);
	}

	/** Serialises changes that could leave the system without an administrator. */
	private void lockAdmins() {
		jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", FIRST_ADMIN_LOCK).query((rs, n) -> 1).list();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static ApiException lastAdmin() {
		return ApiException.conflict("LAST_ADMIN", "The last administrator cannot be removed");
	}

	static ApiException invalidToken() {
		return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_TOKEN", "The token is invalid, expired or already used");
	}
}
