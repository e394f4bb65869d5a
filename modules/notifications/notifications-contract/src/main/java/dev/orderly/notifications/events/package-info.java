/**
 * The events the notifications module accepts from any other module to have something notified,
 * without knowing who the recipients are: today {@link AdministratorNoticeRequested}, an in-app notice
 * to every administrator.
 * <p>
 * This package is the module's published contract (named interface {@code events}): other modules may
 * depend on these types and nothing else of the module. Change them as you would change a public
 * API: additively, or with a new version.
 */
@NamedInterface("events")
package dev.orderly.notifications.events;

import org.springframework.modulith.NamedInterface;
