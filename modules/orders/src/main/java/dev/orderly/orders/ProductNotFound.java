package dev.orderly.orders;

/** No product with this sku — or an inactive one, for an actor who may not see inactive products. */
final class ProductNotFound extends OrdersException {

	ProductNotFound(String sku) {
		super("No product " + sku + " visible to this actor");
	}
}
