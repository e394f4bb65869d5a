package dev.orderly.users.api;

import java.util.Set;
import java.util.UUID;

/**
 * What another module may know about a live account: enough to issue tokens and address the user,
 * never a password or its hash.
 *
 * @param roles current roles ({@code USER}, {@code ADMIN})
 * @param emailVerified whether the user proved they own the email address
 */
public record UserAccount(UUID id, String email, String displayName, Set<String> roles, boolean emailVerified) {

	public UserAccount {
		roles = Set.copyOf(roles);
	}
}
