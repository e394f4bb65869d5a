package dev.orderly.orders;

import org.springframework.modulith.NamedInterface;

/**
 * One line of an order as events carry it: amounts in minor units.
 */
@NamedInterface("events")
public record OrderLine(String sku, String name, int quantity, long unitPrice, long lineTotal) {
}
