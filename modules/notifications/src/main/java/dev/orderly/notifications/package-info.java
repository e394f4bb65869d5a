/**
 * Notifications: a recipients projection, email and in-app notifications with durable delivery.
 * <p>
 * Its contract ({@code notifications.events}, artifact {@code orderly-notifications-contract}) holds
 * what other modules publish to it: {@code AdministratorNoticeRequested}, an in-app notice to every
 * administrator, which {@code AdministratorNoticeBoard} pins and copies to each administrator who reads.
 * <p>
 * Depends only on the events of users, auth and orders — never on their APIs or tables — so it
 * could be extracted into a service of its own.
 * <p>
 * Rooms (ADR 0030): {@code web} (HTTP), {@code application} (use cases, policy, listeners),
 * {@code domain} (aggregates, values, exceptions), {@code persistence} (SQL owners); this package
 * keeps the wiring.
 * <p>
 * Delivery model (see the ADRs for the reasoning):
 * <ul>
 * <li>What each consumed event means is one table, {@code NotificationRules}: its update of the
 * {@code recipients} projection and its notification (a typed {@code TemplateModel} per kind,
 * channels, recipient, dedup source, time). {@code NotificationIntake} applies it, for the in-process
 * listeners ({@code NotificationListeners}) and any other way in, and only records notification
 * rows, idempotently (unique {@code dedup_key} = channel, kind, source identity; tokens enter it only
 * as a SHA-256 hash).</li>
 * <li>Order events carry only a user id. If the recipient is not known yet, the email is recorded as
 * {@code AWAITING_RECIPIENT} (the in-app notification is created at once) and released when the
 * recipient's address arrives; after {@code dispatch.recipient-wait} it is {@code FAILED}.</li>
 * <li>{@code EmailDispatcher} claims one due row at a time with {@code FOR UPDATE SKIP LOCKED},
 * commits it as {@code SENDING} with a lease, renders at send time (tokens are never stored in a
 * rendered body), sends with a deterministic {@code Message-ID}, then marks {@code SENT} and erases
 * the token. Failed attempts back off exponentially; the last one leaves a {@code FAILED} dead letter
 * an admin can retry.</li>
 * <li>A row still {@code SENDING} after its lease (its sender died mid-send) is resent with the same
 * {@code Message-ID}: at-least-once, and only the one email in flight can be duplicated.</li>
 * <li>The HTTP edge follows ADR 0021: controllers call {@code NotificationManagement} with an
 * {@code Actor}; {@code NotificationPolicy} holds who may do what; {@code NotificationsErrorMapping}
 * turns the module's exceptions into the error envelope.</li>
 * <li>No email to a deleted recipient: open emails are skipped on {@code UserDeleted}, and the
 * dispatcher checks again just before sending.</li>
 * </ul>
 */
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "platform", "users :: events", "auth :: events", "orders :: events" })
package dev.orderly.notifications;

import org.springframework.modulith.ApplicationModule;
