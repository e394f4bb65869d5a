package dev.orderly.users;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import dev.orderly.platform.Ids;
import dev.orderly.users.api.UserAccount;

/**
 * An account: the aggregate root of the users module. Its state changes only through the methods
 * below, each of which keeps {@code updatedAt} honest. A deleted account is kept (soft delete) but
 * is invisible to every use case.
 */
@Table(schema = "users", name = "users")
class User {

	static final String USER = "USER";

	static final String ADMIN = "ADMIN";

	static final Set<String> KNOWN_ROLES = Set.of(USER, ADMIN);

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

	/** A new account with the {@code USER} role and an unverified email. */
	static User register(String email, String passwordHash, String displayName, String locale, Instant now) {
		return new User(Ids.next(), email, passwordHash, displayName, null, locale, Set.of(USER), null, null, now, now,
				null);
	}

	/** @return whether anything changed */
	boolean changeProfile(String displayName, String phone, String locale, Instant now) {
		if (Objects.equals(this.displayName, displayName) && Objects.equals(this.phone, phone)
				&& Objects.equals(this.locale, locale)) {
			return false;
		}
		this.displayName = displayName;
		this.phone = phone;
		this.locale = locale;
		this.updatedAt = now;
		return true;
	}

	/** Every account keeps {@code USER}; @return whether the set changed */
	boolean changeRoles(Set<String> requested, Instant now) {
		Set<String> next = new TreeSet<>(requested);
		next.add(USER);
		if (next.equals(roles)) {
			return false;
		}
		this.roles = next;
		this.updatedAt = now;
		return true;
	}

	void changePasswordHash(String passwordHash, Instant now) {
		this.passwordHash = passwordHash;
		this.updatedAt = now;
	}

	/** @return whether this call verified it (false when it already was) */
	boolean verifyEmail(Instant now) {
		if (emailVerifiedAt != null) {
			return false;
		}
		this.emailVerifiedAt = now;
		this.updatedAt = now;
		return true;
	}

	void delete(Instant now) {
		this.deletedAt = now;
		this.updatedAt = now;
	}

	boolean isAdmin() {
		return roles.contains(ADMIN);
	}

	boolean isEmailVerified() {
		return emailVerifiedAt != null;
	}

	UserAccount toAccount() {
		return new UserAccount(id, email, displayName, roles, isEmailVerified());
	}

	UUID id() {
		return id;
	}

	String email() {
		return email;
	}

	String passwordHash() {
		return passwordHash;
	}

	String displayName() {
		return displayName;
	}

	String phone() {
		return phone;
	}

	String locale() {
		return locale;
	}

	Set<String> roles() {
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
