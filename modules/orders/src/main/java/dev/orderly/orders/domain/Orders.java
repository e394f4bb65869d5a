package dev.orderly.orders.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The order aggregates, and with {@code NewOrders} the only writer of {@code orders.orders} and
 * {@code orders.order_lines}: {@code NewOrders} inserts a new order with its lines in one statement,
 * {@code save} writes every later change of an order with its lines and checks its version; both
 * publish the events the order registered. The API's reads are {@code OrderQueries}'.
 * <p>
 * Writers load with {@link #findLockedByIdAndDeletedAtIsNull} ({@code SELECT … FOR UPDATE}) so that
 * two concurrent changes of one order run one after the other: the second sees the first's result
 * and is judged against it (exactly one of two competing transitions wins). {@code @Version} on
 * {@link Order} backs this up.
 */
public interface Orders extends ListCrudRepository<Order, UUID> {

	/** An order that is not deleted, row-locked until the end of the transaction. */
	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<Order> findLockedByIdAndDeletedAtIsNull(UUID id);

	/** Ids of a user's open (PLACED or CONFIRMED) orders; served by the (user_id, status, …) index. */
	@Query("""
			SELECT id FROM orders.orders
			WHERE user_id = :userId AND status IN ('PLACED', 'CONFIRMED') AND deleted_at IS NULL
			ORDER BY created_at, id""")
	List<UUID> findOpenOrderIds(UUID userId);
}
