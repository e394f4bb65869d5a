package dev.orderly.orders.application;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.orders.domain.Product;
import dev.orderly.orders.domain.ProductNotFound;
import dev.orderly.orders.domain.UnknownCurrency;
import dev.orderly.orders.events.PriceListChanged;
import dev.orderly.orders.persistence.ProductCatalog;
import dev.orderly.platform.Actor;
import dev.orderly.platform.AfterCommit;
import dev.orderly.platform.CurrentRequest;
import dev.orderly.platform.paging.Cursor;

/**
 * The use cases of the price list, for any {@link Actor}: everyone reads the active products;
 * administrators also see inactive ones and maintain the list ({@link OrderPolicy}). The products
 * themselves, their SQL and their caches are {@link ProductCatalog}'s.
 */
@Service
public class ProductManagement {

	/** Administrative events (docs/ops/README.md). */
	private static final Logger LOG = LoggerFactory.getLogger(ProductManagement.class);

	private final ProductCatalog catalog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProductManagement(ProductCatalog catalog, ApplicationEventPublisher events, Clock clock) {
		this.catalog = catalog;
		this.events = events;
		this.clock = clock;
	}

	/** One page of the price list (newest first, {@code limit + 1} rows); inactive products only for those who may see them. */
	public List<Product> page(Actor actor, Cursor after, int limit, boolean includeInactive) {
		return catalog.page(after, limit, includeInactive && OrderPolicy.maySeeInactiveProducts(actor));
	}

	/** @throws ProductNotFound when there is no such product, or it is inactive and the actor may not see it */
	public Product product(Actor actor, String sku) {
		return catalog.find(sku)
			.filter(product -> product.active() || OrderPolicy.maySeeInactiveProducts(actor))
			.orElseThrow(() -> new ProductNotFound(sku));
	}

	/**
	 * Creates the product with this sku or replaces it.
	 *
	 * @throws ActionNotAllowed unless the actor may manage products
	 * @throws UnknownCurrency when {@code currency} is not an ISO 4217 code
	 * @throws InvalidSku when the sku is not one the price list can hold
	 */
	@Transactional
	public ProductCatalog.Saved put(Actor actor, String sku, String name, long unitPrice, String currency, boolean active) {
		OrderPolicy.requireMayManageProducts(actor);
		if (!isIsoCurrency(currency)) {
			throw new UnknownCurrency();
		}
		Optional<Product> before = catalog.lockForChange(sku);
		ProductCatalog.Saved saved = catalog.put(sku, name.strip(), unitPrice, currency, active);
		published(actor, sku, before, saved.product());
		AfterCommit.run(() -> LOG.atInfo().setMessage("product.changed")
			.addKeyValue("sku", sku)
			.addKeyValue("actorId", actor.id())
			.addKeyValue("created", saved.created())
			.addKeyValue("unitPrice", unitPrice)
			.addKeyValue("currency", currency)
			.addKeyValue("active", active)
			.log());
		return saved;
	}

	/**
	 * Deactivates the product: it can no longer be ordered; orders keep it.
	 *
	 * @throws ActionNotAllowed unless the actor may manage products
	 * @throws ProductNotFound when there is no such sku
	 */
	@Transactional
	public void deactivate(Actor actor, String sku) {
		OrderPolicy.requireMayManageProducts(actor);
		Product before = catalog.lockForChange(sku).orElseThrow(() -> new ProductNotFound(sku));
		catalog.deactivate(sku);
		published(actor, sku, Optional.of(before), new Product(before.id(), before.sku(), before.name(),
				before.unitPrice(), before.currency(), false, before.createdAt(), before.updatedAt()));
		AfterCommit.run(() -> LOG.atInfo().setMessage("product.deactivated")
			.addKeyValue("sku", sku)
			.addKeyValue("actorId", actor.id())
			.log());
	}

	/** {@link PriceListChanged} in the change's transaction: the audit trail's record of it (docs/adr/0039). */
	private void published(Actor actor, String sku, Optional<Product> before, Product after) {
		events.publishEvent(new PriceListChanged(sku, before.map(ProductManagement::entry).orElse(null), entry(after),
				actor.id(), CurrentRequest.id(), clock.instant().truncatedTo(ChronoUnit.MICROS)));
	}

	private static PriceListChanged.Entry entry(Product product) {
		return new PriceListChanged.Entry(product.name(), product.unitPrice(), product.currency(), product.active());
	}

	private static boolean isIsoCurrency(String code) {
		try {
			return Currency.getInstance(code).getCurrencyCode().equals(code);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return false;
		}
	}
}
