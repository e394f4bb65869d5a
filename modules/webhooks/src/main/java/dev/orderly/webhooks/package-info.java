/**
 * Webhooks: order events pushed to the systems of integration partners, signed per Standard
 * Webhooks 1.0 and delivered at least once.
 * <p>
 * Depends on the orders module's published events ({@code orders :: events}), on the notifications
 * module's contract ({@code notifications :: events}: it asks for an in-app notice to every
 * administrator when it disables an endpoint) and on the platform; nothing of users, auth, orders or
 * notifications knows it exists (ADR 0037).
 * <ul>
 * <li>{@code web}: {@code /api/v1/webhook-endpoints} for administrators — endpoints, their signing
 * secret (shown once, rotated with a grace period), their deliveries and a manual retry — and
 * {@code WebhooksErrorMapping}, where the module's exceptions become the error envelope.</li>
 * <li>{@code application}: the use cases ({@code EndpointManagement}, asking {@code WebhooksPolicy}),
 * the listeners of the order events ({@code OrderEventListeners}) that write one outbox row per
 * subscribed endpoint in their own transaction, and the {@code DeliveryDispatcher}, on a thread of its
 * own, that claims rows with {@code FOR UPDATE SKIP LOCKED}, signs and posts them through the shared
 * {@code WebhookSender} and retries with exponential back-off and jitter.</li>
 * <li>{@code domain}: endpoints, deliveries, event types, the signing secret, the rule of which
 * targets may be called ({@code TargetRules}: SSRF protection) and the exception family.</li>
 * <li>{@code persistence}: {@code Endpoints} and {@code Deliveries}, the SQL of the module's two
 * tables in schema {@code webhooks}.</li>
 * </ul>
 * Per-endpoint ordering is not promised: a retried delivery can arrive after a later event.
 */
@ApplicationModule(displayName = "Webhooks",
		allowedDependencies = { "platform", "orders :: events", "notifications :: events" })
package dev.orderly.webhooks;

import org.springframework.modulith.ApplicationModule;
