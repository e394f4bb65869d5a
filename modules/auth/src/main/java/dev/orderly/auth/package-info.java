/**
 * Auth: login, RS256 access tokens, rotating refresh tokens, password reset, JWKS.
 * <p>
 * Depends on users only through {@link dev.orderly.users.api.UserAccounts} and users' events.
 * Its published contract is {@code auth.events} ({@code PasswordResetRequested}).
 */
@ApplicationModule(displayName = "Auth", allowedDependencies = { "platform", "users :: api", "users :: events" })
package dev.orderly.auth;

import org.springframework.modulith.ApplicationModule;
