/**
 * Users: accounts, profiles, roles, email verification and passwords.
 * <p>
 * API for other modules: {@link dev.orderly.users.UserAccounts} (credentials and account lookups,
 * used by auth) and the events in the {@code events} named interface ({@code UserRegistered}, …).
 */
@ApplicationModule(displayName = "Users", allowedDependencies = "platform")
package dev.orderly.users;

import org.springframework.modulith.ApplicationModule;
