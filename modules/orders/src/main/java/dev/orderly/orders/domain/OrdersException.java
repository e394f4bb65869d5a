package dev.orderly.orders.domain;

/**
 * An outcome of an orders use case that the caller can act on, said in business terms: an order
 * that is not there, a transition the lifecycle forbids, a product that cannot be ordered … It
 * knows nothing of HTTP ({@code OrdersErrorMapping} gives each one its status and error code) and
 * carries no stack trace, because it is an expected outcome rather than a bug.
 * <p>
 * Sealed, so that the mapping's {@code switch} names every one of them: a new outcome that is not
 * mapped does not compile.
 */
public abstract sealed class OrdersException extends RuntimeException
		permits OrderNotFound, CustomerNotFound, CustomerDeleted, ProductNotFound, ActionNotAllowed, StaleOrder,
		IllegalTransition, OrderNotEditable, UnknownProduct, MixedCurrency, InvalidSku, UnknownCurrency,
		IdempotencyKeyInUse, IdempotencyKeyReused, QuantityOutOfRange {

	OrdersException(String message) {
		super(message, null, false, false);
	}
}
