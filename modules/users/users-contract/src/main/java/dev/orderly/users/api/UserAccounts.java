package dev.orderly.users.api;

import java.util.Optional;
import java.util.UUID;
import dev.orderly.users.events.PasswordChanged;

/**
 * The users module's API for authentication (used by auth). Only live accounts (not deleted) are
 * ever returned. Emails are normalised (trimmed, lower-cased) before any lookup.
 */
public interface UserAccounts {

	/**
	 * Checks an email and password. Takes about as long for an unknown email as for a wrong password
	 * (a dummy hash is computed), so the answer cannot be told apart by timing.
	 * @return the account when the password matches a live account, else empty
	 */
	Optional<UserAccount> authenticate(String email, String password);

	/** The live account with this email, if any. */
	Optional<UserAccount> findByEmail(String email);

	/** The live account with this id, if any (e.g. for fresh roles on refresh). */
	Optional<UserAccount> findById(UUID userId);

	/**
	 * Sets a new password without asking for the current one (password reset, after the caller
	 * proved control of the email address) and publishes {@link PasswordChanged}.
	 * @return {@code false} when there is no live account with this id
	 * @throws WeakPassword (field {@code newPassword}) when the password policy refuses the password;
	 * nothing is changed then
	 */
	boolean resetPassword(UUID userId, String newPassword);
}
