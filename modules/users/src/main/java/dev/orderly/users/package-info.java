/**
 * Users: accounts, profiles, roles, email verification and passwords.
 * <p>
 * Its published contract is two sub-packages, each one named interface: {@code users.api}
 * ({@link dev.orderly.users.api.UserAccounts}, credentials and account lookups, used by auth) and
 * {@code users.events} ({@code UserRegistered}, …). Everything else is internal.
 * <p>
 * Rooms (ADR 0030): {@code web} (HTTP), {@code application} (use cases, policy, listeners),
 * {@code domain} (aggregates, values, exceptions), {@code persistence} (SQL owners); this package
 * keeps the wiring and the API facade {@code AccountsApi}.
 * <p>
 * Inside (ADR 0021): the aggregate {@link dev.orderly.users.domain.User} registers its own events; one
 * service per use case ({@code Registration}, {@code AccountLookup}, {@code ProfileUpdates},
 * {@code RoleChanges}, {@code AccountDeletion}, {@code EmailVerification}, {@code PasswordChanges},
 * {@code FirstAdministrator}; {@code AccountsApi} implements the API), each taking an
 * {@link dev.orderly.platform.Actor} and asking {@code UserPolicy} first; persistence in
 * {@code Users} (writes), {@code UserDirectory} (pages), {@code EmailVerificationTokens} and
 * {@code Administrators} (the advisory lock); HTTP only in {@code UserController} and
 * {@code UsersErrorMapping}.
 */
@ApplicationModule(displayName = "Users", allowedDependencies = "platform")
package dev.orderly.users;

import org.springframework.modulith.ApplicationModule;
