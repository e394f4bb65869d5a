package dev.orderly.orders.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PricingTests {

	@Test
	void addsUpLinesWithoutDiscountUpToTheThreshold() {
		Pricing.Totals totals = Pricing.price(List.of(new Pricing.Line(2500, 2), new Pricing.Line(5000, 1)));
		assertThat(totals).isEqualTo(new Pricing.Totals(10_000, 0, 10_000));
	}

	@Test
	void givesTenPercentOffASubtotalOverTheThreshold() {
		Pricing.Totals totals = Pricing.price(List.of(new Pricing.Line(10_001, 1)));
		assertThat(totals).isEqualTo(new Pricing.Totals(10_001, 1_000, 9_001));
	}

	@ParameterizedTest
	@CsvSource({ "10001, 1000", "10004, 1000", "10005, 1001", "10009, 1001", "10010, 1001", "99999, 10000" })
	void roundsTheDiscountHalfUpToTheMinorUnit(long subtotal, long discount) {
		assertThat(Pricing.discountOn(subtotal)).isEqualTo(discount);
	}

	@Test
	void rejectsQuantitiesAndPricesOutOfBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Pricing.Line(1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new Pricing.Line(1, 1001));
		assertThatIllegalArgumentException().isThrownBy(() -> new Pricing.Line(-1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Pricing.Line(Pricing.MAX_UNIT_PRICE + 1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Pricing.price(List.of()));
	}

	@Test
	void pricesTheLargestPossibleOrderExactly() {
		List<Pricing.Line> lines = IntStream.range(0, Pricing.MAX_LINES)
			.mapToObj(i -> new Pricing.Line(Pricing.MAX_UNIT_PRICE, Pricing.MAX_QUANTITY))
			.toList();
		Pricing.Totals totals = Pricing.price(lines);
		long subtotal = Pricing.MAX_UNIT_PRICE * Pricing.MAX_QUANTITY * Pricing.MAX_LINES;
		assertThat(totals.subtotal()).isEqualTo(subtotal);
		assertThat(totals.discount()).isEqualTo(subtotal / 10);
		assertThat(totals.total()).isEqualTo(subtotal - subtotal / 10);
	}

	/** Seeded random orders within the input bounds: reproducible, and a failure names its seed. */
	static Stream<Long> seeds() {
		return LongStream.rangeClosed(1, 200).boxed();
	}

	static List<Pricing.Line> randomOrder(long seed) {
		Random random = new Random(seed);
		int count = 1 + random.nextInt(Pricing.MAX_LINES);
		List<Pricing.Line> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			// Mix cheap items (around the threshold) with arbitrary ones up to the bound.
			long price = random.nextBoolean() ? random.nextInt(20_000) : (long) (random.nextDouble() * Pricing.MAX_UNIT_PRICE);
			lines.add(new Pricing.Line(price, 1 + random.nextInt(Pricing.MAX_QUANTITY)));
		}
		return lines;
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void totalIsAlwaysSubtotalMinusDiscount(long seed) {
		List<Pricing.Line> lines = randomOrder(seed);
		Pricing.Totals totals = Pricing.price(lines);
		long expectedSubtotal = lines.stream()
			.map(line -> BigInteger.valueOf(line.unitPrice()).multiply(BigInteger.valueOf(line.quantity())))
			.reduce(BigInteger.ZERO, BigInteger::add)
			.longValueExact();
		assertThat(totals.subtotal()).isEqualTo(expectedSubtotal);
		assertThat(totals.total()).isEqualTo(totals.subtotal() - totals.discount());
		assertThat(totals.total()).isNotNegative();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void discountsOnlyAboveTheThresholdAndByTenPercentRoundedHalfUp(long seed) {
		long subtotal = new Random(seed).nextLong(0, Pricing.MAX_UNIT_PRICE * Pricing.MAX_QUANTITY * Pricing.MAX_LINES);
		long small = new Random(seed).nextLong(0, 2 * Pricing.DISCOUNT_THRESHOLD);
		for (long value : new long[] { subtotal, small }) {
			long discount = Pricing.discountOn(value);
			if (value <= Pricing.DISCOUNT_THRESHOLD) {
				assertThat(discount).isZero();
			}
			else {
				// |discount − value/10| ≤ 1/2 minor unit, ties rounded up: 10·discount ∈ (value − 5, value + 5].
				assertThat(10 * discount).isGreaterThan(value - 5).isLessThanOrEqualTo(value + 5);
			}
		}
	}
}
