/**
 * Auth: login, RS256 access tokens, rotating refresh tokens, password reset, JWKS.
 * <p>
 * Depends on users only through {@link dev.orderly.users.UserAccounts} and users' events.
 * Publishes {@code PasswordResetRequested} in its {@code events} named interface.
 */
@ApplicationModule(displayName = "Auth", allowedDependencies = { "platform", "users", "users :: events" })
package dev.orderly.auth;

import org.springframework.modulith.ApplicationModule;
