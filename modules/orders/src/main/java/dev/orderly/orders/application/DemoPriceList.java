package dev.orderly.orders.application;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.orderly.orders.persistence.ProductCatalog;

/**
 * Demo data of the orders module, on request only ({@code ORDERLY_DEMO_DATA=true}) and never under a
 * {@code prod} or {@code production} profile: a small price list, so that a newcomer has something
 * to order. Idempotent across restarts and instances: a product whose sku exists is left as it is
 * (an administrator may have changed or withdrawn it).
 */
@Component
@ConditionalOnBooleanProperty("orderly.demo-data.enabled")
@Profile("!prod & !production")
class DemoPriceList implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(DemoPriceList.class);

	record DemoProduct(String sku, String name, long unitPrice, String currency) {
	}

	static final List<DemoProduct> PRODUCTS = List.of(
			new DemoProduct("COFFEE-BEANS-1KG", "Coffee beans, 1 kg", 2490, "EUR"),
			new DemoProduct("FRENCH-PRESS", "French press, 1 l", 3450, "EUR"),
			new DemoProduct("MUG-CERAMIC", "Ceramic mug", 1200, "EUR"),
			new DemoProduct("GRINDER-HAND", "Hand grinder", 5900, "EUR"),
			new DemoProduct("FILTER-PAPERS", "Filter papers, 100", 450, "EUR"));

	private final ProductCatalog catalog;

	DemoPriceList(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public void run(ApplicationArguments args) {
		int created = 0;
		for (DemoProduct product : PRODUCTS) {
			if (catalog.find(product.sku()).isEmpty()
					&& catalog.put(product.sku(), product.name(), product.unitPrice(), product.currency(), true).created()) {
				created++;
			}
		}
		LOG.info("Demo data: price list of {} products ({} created now)", PRODUCTS.size(), created);
	}
}
