/**
 * The users module's API for other modules: account lookups, credential checks and the exception
 * ({@link dev.orderly.users.api.WeakPassword}) they can throw.
 * <p>
 * This package is the module's published contract (named interface {@code api}): other modules may
 * depend on these types and nothing else of the module. Change them as you would change a public
 * API: additively, or with a new version.
 */
@NamedInterface("api")
package dev.orderly.users.api;

import org.springframework.modulith.NamedInterface;
