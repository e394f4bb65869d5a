package dev.orderly.orders.domain;

import java.util.List;

/**
 * How an order is priced, in integer minor units only: subtotal = Σ unit price × quantity; a
 * subtotal over {@value #DISCOUNT_THRESHOLD} minor units (100.00 in a two-decimal currency) gets
 * a 10 % discount, rounded half up to the minor unit (10005 → 1001); total = subtotal − discount.
 * <p>
 * The threshold is in minor units whatever the currency's exponent (decided for this release;
 * see the module's ADR). Arithmetic is exact: an overflow throws instead of wrapping, and the
 * input bounds (unit price ≤ {@value #MAX_UNIT_PRICE}, quantity ≤ {@value #MAX_QUANTITY},
 * ≤ {@value #MAX_LINES} lines) keep every result far below {@code Long.MAX_VALUE}.
 */
public final class Pricing {

	static final long DISCOUNT_THRESHOLD = 10_000;

	static final int DISCOUNT_PERCENT = 10;

	public static final long MAX_UNIT_PRICE = 1_000_000_000L;

	public static final int MAX_QUANTITY = 1000;

	public static final int MAX_LINES = 50;

	private Pricing() {
	}

	/** One priced line: what a price-list entry costs times how many. */
	public record Line(long unitPrice, int quantity) {

		public Line {
			if (unitPrice < 0 || unitPrice > MAX_UNIT_PRICE) {
				throw new IllegalArgumentException("unit price out of range: " + unitPrice);
			}
			if (quantity < 1 || quantity > MAX_QUANTITY) {
				throw new IllegalArgumentException("quantity out of range: " + quantity);
			}
		}

		public long total() {
			return Math.multiplyExact(unitPrice, (long) quantity);
		}
	}

	/** The money of a whole order. */
	record Totals(long subtotal, long discount, long total) {
	}

	public static Totals price(List<Line> lines) {
		if (lines.isEmpty() || lines.size() > MAX_LINES) {
			throw new IllegalArgumentException("an order has 1.." + MAX_LINES + " lines");
		}
		long subtotal = 0;
		for (Line line : lines) {
			subtotal = Math.addExact(subtotal, line.total());
		}
		long discount = discountOn(subtotal);
		return new Totals(subtotal, discount, Math.subtractExact(subtotal, discount));
	}

	/** 10 % of a subtotal over the threshold, rounded half up; nothing at or below it. */
	static long discountOn(long subtotal) {
		if (subtotal <= DISCOUNT_THRESHOLD) {
			return 0;
		}
		// subtotal * 10 / 100, half up: (subtotal * 10 + 50) / 100 == (subtotal + 5) / 10 for subtotal ≥ 0.
		return Math.addExact(subtotal, 5) / (100 / DISCOUNT_PERCENT);
	}
}
