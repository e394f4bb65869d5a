/**
 * The events the users module publishes: facts about accounts, as records.
 * <p>
 * This package is the module's published contract (named interface {@code events}): other modules may
 * depend on these types and nothing else of the module. Change them as you would change a public
 * API: additively, or with a new version.
 */
@NamedInterface("events")
package dev.orderly.users.events;

import org.springframework.modulith.NamedInterface;
