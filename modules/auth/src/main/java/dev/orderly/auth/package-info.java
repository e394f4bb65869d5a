/**
 * Auth: login, RS256 access tokens, rotating refresh tokens, password reset, JWKS.
 * <p>
 * Depends on users only through {@link dev.orderly.users.api.UserAccounts} and users' events.
 * Its published contract is {@code auth.events} ({@code PasswordResetRequested}).
 * <p>
 * Rooms (ADR 0030): {@code web} (HTTP), {@code application} (use cases, policy, listeners),
 * {@code domain} (aggregates, values, exceptions), {@code persistence} (SQL owners); this package
 * keeps the wiring ({@code AccessTokens} issues tokens and builds the {@code JwtDecoder}).
 * <p>
 * Inside (ADR 0021): the use cases {@code Sessions} (login, refresh, logout) and
 * {@code PasswordResets} speak the domain ({@code InvalidCredentials}, {@code InvalidRefreshToken},
 * {@code InvalidResetToken}); HTTP only in the controllers and {@code AuthErrorMapping}. Its SQL
 * lives in one class per table ({@code RefreshTokens}, {@code PasswordResetTokens},
 * {@code RevokedSessions}, {@code SigningKeys}). Auth has no policy class: none of its operations
 * depends on who the caller is — knowing the password or holding the token is the authority.
 */
@ApplicationModule(displayName = "Auth", allowedDependencies = { "platform", "users :: api", "users :: events" })
package dev.orderly.auth;

import org.springframework.modulith.ApplicationModule;
