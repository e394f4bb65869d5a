package dev.orderly.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The roles an account has now, as opposed to those its access token was issued with. Provided by
 * the module that owns accounts (users); the security chain asks it before an administrator's
 * write, so that a demoted or deleted administrator cannot act on a token issued earlier, even in
 * the moment before the token's revocation reaches this instance (ADR 0015).
 */
@FunctionalInterface
public interface AccountRoles {

	/** The account's current roles ({@code USER}, {@code ADMIN}); empty when it is deleted or unknown. */
	Set<String> currentRoles(UUID userId);
}
