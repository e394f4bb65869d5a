package dev.orderly.users.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jmolecules.ddd.annotation.AggregateRoot;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;

import dev.orderly.platform.Ids;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.events.FirstAdministratorCreated;
import dev.orderly.users.events.PasswordChanged;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserEmailVerified;
import dev.orderly.users.events.UserProfileUpdated;
import dev.orderly.users.events.UserRegistered;
import dev.orderly.users.events.UserRolesChanged;

/**
 * An account: the aggregate root of the users module. Its state changes only through the methods
 * below, each of which keeps {@code updatedAt} honest and registers the event that tells the other
 * modules ({@code users.events}); the events are published when {@link Users} saves the account, in
 * the same transaction, so a change and its event cannot drift apart. A deleted account is kept
 * (soft delete) but is invisible to every use case.
 */
@AggregateRoot
@Table(schema = "users", name = "users")
public class User extends AbstractAggregateRoot<User> {

	static final String USER = "USER";

	public static final String ADMIN = "ADMIN";

	public static final Set<String> KNOWN_ROLES = Set.of(USER, ADMIN);

	@Id
	private final UUID id;

	private final String email;

	private String passwordHash;

	private String displayName;

	private String phone;

	private String locale;

	private Set<String> roles;

	private Instant emailVerifiedAt;

	@Version
	private Long version;

	private final Instant createdAt;

	private Instant updatedAt;

	private Instant deletedAt;

	@PersistenceCreator
	User(UUID id, String email, String passwordHash, String displayName, String phone, String locale,
			Set<String> roles, Instant emailVerifiedAt, Long version, Instant createdAt, Instant updatedAt,
			Instant deletedAt) {
		this.id = id;
		this.email = email;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.phone = phone;
		this.locale = locale;
		this.roles = new TreeSet<>(roles);
		this.emailVerifiedAt = emailVerifiedAt;
		this.version = version;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.deletedAt = deletedAt;
	}

	/** A new account with the {@code USER} role and an unverified email; registers {@link UserRegistered}. */
	public static User register(String email, String passwordHash, String displayName, String locale, Instant now) {
		return new User(Ids.next(), email, passwordHash, displayName, null, locale, Set.of(USER), null, null, now, now,
				null).registered();
	}

	/**
	 * An account the operator vouches for (the first administrator, demo data): its email is verified
	 * from the start and it has the given roles besides {@code USER}. Registers {@link UserRegistered}
	 * only: nobody verified or promoted anything.
	 */
	public static User provision(String email, String passwordHash, String displayName, Set<String> roles, Instant now) {
		return provisioned(email, passwordHash, displayName, roles, now);
	}

	/**
	 * The first administrator, provisioned at start-up: registers {@link UserRegistered} and
	 * {@link FirstAdministratorCreated} (an action of the system, for the audit trail).
	 */
	public static User provisionFirstAdministrator(String email, String passwordHash, Instant now) {
		User admin = provisioned(email, passwordHash, "Administrator", Set.of(ADMIN), now);
		admin.registerEvent(new FirstAdministratorCreated(admin.id, now));
		return admin;
	}

	private static User provisioned(String email, String passwordHash, String displayName, Set<String> roles, Instant now) {
		Set<String> all = new TreeSet<>(requireKnown(roles));
		all.add(USER);
		return new User(Ids.next(), email, passwordHash, displayName, null, null, all, now, null, now, now, null)
			.registered();
	}

	private User registered() {
		registerEvent(new UserRegistered(id, email, displayName, locale, createdAt));
		return this;
	}

	/** The instant a change happens at, as the database keeps it (microseconds). */
	public static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** @throws UnknownRole for the first role that is not one of {@link #KNOWN_ROLES} */
	public static Set<String> requireKnown(Set<String> roles) {
		for (String role : roles) {
			if (!KNOWN_ROLES.contains(role)) {
				throw new UnknownRole(role);
			}
		}
		return roles;
	}

	/** Registers {@link UserProfileUpdated} (the current values) when anything changed; @return whether it did */
	public boolean changeProfile(String displayName, String phone, String locale, Instant now) {
		if (Objects.equals(this.displayName, displayName) && Objects.equals(this.phone, phone)
				&& Objects.equals(this.locale, locale)) {
			return false;
		}
		this.displayName = displayName;
		this.phone = phone;
		this.locale = locale;
		this.updatedAt = now;
		registerEvent(new UserProfileUpdated(id, email, displayName, phone, locale, now));
		return true;
	}

	/**
	 * Every account keeps {@code USER}; registers {@link UserRolesChanged} when the set changes.
	 * @return whether the set changed
	 * @throws UnknownRole when a requested role is not one of {@link #KNOWN_ROLES}
	 */
	public boolean changeRoles(Set<String> requested, Instant now) {
		return changeRoles(requested, now, null, null);
	}

	/**
	 * As {@link #changeRoles(Set, Instant)}, naming who changed them and in which request (for the
	 * audit trail; either may be {@code null}).
	 */
	public boolean changeRoles(Set<String> requested, Instant now, UUID actorId, String requestId) {
		Set<String> next = new TreeSet<>(requireKnown(requested));
		next.add(USER);
		if (next.equals(roles)) {
			return false;
		}
		Set<String> previous = roles();
		this.roles = next;
		this.updatedAt = now;
		registerEvent(new UserRolesChanged(id, roles(), now, previous, actorId, requestId));
		return true;
	}

	/** A new password (changed by the user or reset); registers {@link PasswordChanged}. */
	public void changePassword(String passwordHash, Instant now) {
		this.passwordHash = passwordHash;
		this.updatedAt = now;
		registerEvent(new PasswordChanged(id, email, displayName, now));
	}

	/**
	 * The same password, hashed with today's parameters (on a login): not a password change, so no
	 * event.
	 */
	public void upgradePasswordHash(String passwordHash, Instant now) {
		this.passwordHash = passwordHash;
		this.updatedAt = now;
	}

	/**
	 * Registers {@link UserEmailVerified} when this call verified the email.
	 * @return whether this call verified it (false when it already was)
	 */
	public boolean verifyEmail(Instant now) {
		if (emailVerifiedAt != null) {
			return false;
		}
		this.emailVerifiedAt = now;
		this.updatedAt = now;
		registerEvent(new UserEmailVerified(id, email, now));
		return true;
	}

	/** Soft delete; registers {@link UserDeleted}. */
	public void delete(Instant now) {
		delete(now, null, null);
	}

	/** Soft delete by {@code actorId} in request {@code requestId} (either may be {@code null}); registers {@link UserDeleted}. */
	public void delete(Instant now, UUID actorId, String requestId) {
		this.deletedAt = now;
		this.updatedAt = now;
		registerEvent(new UserDeleted(id, now, actorId, requestId));
	}

	public boolean isAdmin() {
		return roles.contains(ADMIN);
	}

	public boolean isEmailVerified() {
		return emailVerifiedAt != null;
	}

	public UserAccount toAccount() {
		return new UserAccount(id, email, displayName, roles, isEmailVerified());
	}

	public UUID id() {
		return id;
	}

	public String email() {
		return email;
	}

	public String passwordHash() {
		return passwordHash;
	}

	public String displayName() {
		return displayName;
	}

	public String phone() {
		return phone;
	}

	public String locale() {
		return locale;
	}

	public Set<String> roles() {
		return new LinkedHashSet<>(roles);
	}

	Instant emailVerifiedAt() {
		return emailVerifiedAt;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}

	Instant deletedAt() {
		return deletedAt;
	}
}
