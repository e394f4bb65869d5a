package dev.orderly.orders.persistence;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.orderly.orders.OrdersApiFixture;
import dev.orderly.orders.domain.PriceQuote;
import dev.orderly.orders.domain.Product;
import dev.orderly.orders.domain.UnknownProduct;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The price list's application cache: reads are served without a query, a change on this
 * instance shows at once, and a change made elsewhere (another instance, here a plain SQL update
 * past the application) shows within the cache's TTL. Queries are counted on a spy of the
 * module's {@link JdbcClient}.
 */
@ApplicationModuleTest
@WithTestDatabase
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "orderly.orders.product-cache-ttl=3s")
class ProductCatalogCacheTests {

	@MockitoSpyBean
	JdbcClient jdbc;

	@Autowired
	ProductCatalog catalog;

	@Autowired
	JdbcTemplate otherInstance;

	@BeforeEach
	void forgetEarlierQueries() {
		Mockito.clearInvocations(jdbc);
	}

	@Test
	void servesASecondReadOfAProductFromTheCache() {
		String sku = product(450);
		Mockito.clearInvocations(jdbc);

		assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(450L);
		assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(450L);

		assertThat(productQueries()).isEqualTo(1);
	}

	@Test
	void remembersUnknownSkusToo() {
		String sku = OrdersApiFixture.newSku("NONE");

		assertThat(catalog.find(sku)).isEmpty();
		assertThat(catalog.find(sku)).isEmpty();

		assertThat(productQueries()).isEqualTo(1);
	}

	@Test
	void servesASecondReadOfAPageFromTheCache() {
		product(100);
		Mockito.clearInvocations(jdbc);

		var first = catalog.page(null, 5, false);
		var second = catalog.page(null, 5, false);

		assertThat(second).isEqualTo(first);
		assertThat(productQueries()).isEqualTo(1);
	}

	@Test
	void pricesOrdersFromTheCacheWithOneQueryForTheMisses() {
		String tea = product(450);
		String cake = product(300);
		Mockito.clearInvocations(jdbc);

		PriceQuote first = catalog.quote(Map.of(tea, 1, cake, 2));
		PriceQuote second = catalog.quote(Map.of(tea, 2, cake, 1));

		assertThat(first.lines()).extracting(PriceQuote.Line::unitPrice).containsExactlyInAnyOrder(450L, 300L);
		assertThat(second.lines()).extracting(PriceQuote.Line::unitPrice).containsExactlyInAnyOrder(450L, 300L);
		assertThat(productQueries()).isEqualTo(1);
		// and what pricing loaded serves the product's own reads
		catalog.find(tea);
		assertThat(productQueries()).isEqualTo(1);
	}

	@Test
	void showsAChangeOnThisInstanceAtOnce() {
		String sku = product(450);
		assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(450L);
		assertThat(catalog.page(null, 100, false)).extracting(Product::sku).contains(sku);
		catalog.quote(Map.of(sku, 1));

		catalog.put(sku, "Tea", 500, "EUR", true);

		assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(500L);
		assertThat(catalog.page(null, 100, false)).filteredOn(product -> product.sku().equals(sku))
			.extracting(Product::unitPrice).containsExactly(500L);
		assertThat(catalog.quote(Map.of(sku, 1)).lines()).extracting(PriceQuote.Line::unitPrice).containsExactly(500L);

		catalog.deactivate(sku);

		assertThat(catalog.find(sku)).get().extracting(Product::active).isEqualTo(false);
		assertThat(catalog.page(null, 100, false)).extracting(Product::sku).doesNotContain(sku);
		assertThatExceptionOfType(UnknownProduct.class).isThrownBy(() -> catalog.quote(Map.of(sku, 1)))
			.satisfies(ex -> assertThat(ex.skus()).containsExactly(sku));
	}

	@Test
	void showsAChangeMadeElsewhereWithinTheTtl() {
		String sku = product(450);
		assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(450L);

		otherInstance.update("UPDATE orders.products SET unit_price = 999 WHERE sku = ?", sku);

		// still the cached row: this instance has not heard of the change
		assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(450L);
		await().atMost(Duration.ofSeconds(3 + 5)).pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(catalog.find(sku)).get().extracting(Product::unitPrice).isEqualTo(999L));
	}

	private String product(long price) {
		return OrdersApiFixture.product(catalog, price, "EUR");
	}

	/** Queries of the price list sent through the module's {@link JdbcClient} since the last clear. */
	private long productQueries() {
		return Mockito.mockingDetails(jdbc).getInvocations().stream()
			.filter(invocation -> invocation.getMethod().getName().equals("sql"))
			.filter(invocation -> invocation.getArgument(0).toString().startsWith("SELECT")
					&& invocation.getArgument(0).toString().contains("FROM orders.products"))
			.count();
	}
}
