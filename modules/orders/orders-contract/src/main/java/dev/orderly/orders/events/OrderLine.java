package dev.orderly.orders.events;


/**
 * One line of an order as events carry it: amounts in minor units.
 */
public record OrderLine(String sku, String name, int quantity, long unitPrice, long lineTotal) {
}
