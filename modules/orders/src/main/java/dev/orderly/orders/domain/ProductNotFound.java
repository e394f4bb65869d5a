package dev.orderly.orders.domain;

/** No product with this sku — or an inactive one, for an actor who may not see inactive products. */
public final class ProductNotFound extends OrdersException {

	public ProductNotFound(String sku) {
		super("No product " + sku + " visible to this actor");
	}
}
