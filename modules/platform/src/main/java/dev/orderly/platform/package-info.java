/**
 * The shared kernel every bounded context stands on: the REST envelope and error handling,
 * keyset cursors, time-ordered ids, request ids, the clock and the security plumbing.
 * <p>
 * It is an open, shared module: everything here is API, and nothing domain-specific belongs here.
 */
@ApplicationModule(displayName = "Platform (shared kernel)", type = ApplicationModule.Type.OPEN)
package dev.orderly.platform;

import org.springframework.modulith.ApplicationModule;
