/**
 * Orders: the price list (products), server-priced orders and their lifecycle.
 * <p>
 * Depends on users' events only (to cancel the open orders of a deleted user). Publishes
 * {@code OrderPlaced}, {@code OrderConfirmed}, {@code OrderShipped}, {@code OrderDelivered} and
 * {@code OrderCancelled} in its contract package {@code orders.events}; everything else (this package
 * and its rooms {@code web}, {@code application}, {@code domain}, {@code persistence}) is internal.
 * <p>
 * Where things are (ADR 0021, rooms by ADR 0030):
 * <ul>
 * <li>Use cases ({@code application}): {@code OrderManagement} and {@code ProductManagement}. They take an {@code Actor}
 * (a user, or {@code Actor.system()} for the listener {@code OrderCancellationOnUserDeletion}) and
 * ask {@code OrderPolicy}, the one place that says who may do what, before they act; they take
 * domain values ({@code OrderDraft}, {@code OrderAmendment}), never a request body.</li>
 * <li>Domain ({@code domain}): the aggregate {@code Order} (it guards its lifecycle and registers its events, which
 * its repository {@code Orders} publishes on save), {@code OrderStatus}, {@code Pricing},
 * {@code ExpectedVersion}. Failures are {@code OrdersException}s in business terms
 * ({@code OrderNotFound}, {@code IllegalTransition}, {@code UnknownProduct} …), without HTTP.</li>
 * <li>Persistence ({@code persistence}): {@code Orders} (in {@code domain}) writes orders and their lines (a new
 * order with {@code NewOrders}, in one statement); {@code OrderQueries} reads them for
 * the API in one statement; {@code ProductCatalog}, {@code IdempotencyKeys} and
 * {@code DeletedCustomers} each own the SQL of their table.</li>
 * <li>Web edge ({@code web}): {@code OrderController}, {@code ProductController}, {@code OrderRequests} (bodies and
 * {@code If-Match}), {@code IdempotentOrderResponses} (stored responses per {@code Idempotency-Key}),
 * and {@code OrdersErrorMapping}, the only place where the module's exceptions become statuses and
 * error codes.</li>
 * </ul>
 */
@ApplicationModule(displayName = "Orders", allowedDependencies = { "platform", "users :: events" })
package dev.orderly.orders;

import org.springframework.modulith.ApplicationModule;
