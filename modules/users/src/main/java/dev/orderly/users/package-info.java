/**
 * Users: accounts, profiles, roles, email verification and passwords.
 * <p>
 * Its published contract is two sub-packages, each one named interface: {@code users.api}
 * ({@link dev.orderly.users.api.UserAccounts}, credentials and account lookups, used by auth) and
 * {@code users.events} ({@code UserRegistered}, …). Everything else is internal.
 */
@ApplicationModule(displayName = "Users", allowedDependencies = "platform")
package dev.orderly.users;

import org.springframework.modulith.ApplicationModule;
